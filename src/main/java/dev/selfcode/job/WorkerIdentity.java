package dev.selfcode.job;

import java.net.InetAddress;
import java.util.UUID;

/** A lease owner id unique to this process: host, pid and a random part (fits {@code job.lease_owner}). */
final class WorkerIdentity {

    private WorkerIdentity() {
    }

    static String create() {
        String host = sanitize(hostName());
        String random = UUID.randomUUID().toString().substring(0, 8);
        return host + "-" + ProcessHandle.current().pid() + "-" + random;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "host";
        }
    }

    private static String sanitize(String host) {
        String clean = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.length() > 32 ? clean.substring(0, 32) : clean;
    }
}
