package dev.selfcode.sandbox;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;

/**
 * The Docker network the dependency phase runs on, checked at run time: it must exist, be internal, and have its
 * gateway IP on this host (where the registry gateway listens). The firewall rule that makes it the only way out
 * is set by the same script that creates the network.
 */
final class DepsNetwork {

    static final String SCRIPT = "scripts/services.sh deps-network";

    private DepsNetwork() {
    }

    /** The network's gateway address on this host. */
    static InetAddress gateway(String name) {
        Network network;
        try {
            network = HardenedContainer.docker().inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException e) {
            throw new SandboxException("the dependency phase's Docker network '" + name + "' is missing: run "
                    + SCRIPT + " (it creates the network and the firewall rule that leaves Selfcode's registry"
                    + " gateway as its only way out)", e);
        }
        if (!Boolean.TRUE.equals(network.getInternal())) {
            throw new SandboxException("the Docker network '" + name + "' is not internal, so the dependency phase"
                    + " could bypass the registry gateway: remove it and run " + SCRIPT);
        }
        String ip = network.getIpam() == null || network.getIpam().getConfig() == null
                ? null
                : network.getIpam().getConfig().stream().map(Network.Ipam.Config::getGateway)
                        .filter(g -> g != null && !g.contains(":")).findFirst().orElse(null);
        if (ip == null) {
            throw new SandboxException("the Docker network '" + name + "' has no IPv4 gateway: remove it and run "
                    + SCRIPT);
        }
        try {
            InetAddress address = InetAddress.getByName(ip);
            if (NetworkInterface.getByInetAddress(address) == null) {
                throw new SandboxException("the gateway " + ip + " of the Docker network '" + name + "' is not an"
                        + " address of this host: the dependency phase needs the Docker engine on this machine");
            }
            return address;
        } catch (UnknownHostException | SocketException e) {
            throw new SandboxException("cannot use the gateway " + ip + " of the Docker network '" + name + "': "
                    + e.getMessage(), e);
        }
    }
}
