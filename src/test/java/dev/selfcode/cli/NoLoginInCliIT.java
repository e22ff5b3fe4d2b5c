package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's login machinery (quarkus-oidc) stays off in a CLI command even when the environment turns it on
 * and names an OAuth client: the command needs no login configuration and never calls the login provider, whose
 * discovery document the tenant would fetch as it starts.
 */
class NoLoginInCliIT {

    private ServerSocket provider;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        provider = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!provider.isClosed()) {
                try (Socket s = provider.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-login-provider");
        accept.setDaemon(true);
        accept.start();
    }

    @AfterEach
    void close() throws IOException {
        provider.close();
    }

    @Test
    void aCliCommandStartsWithoutTheLoginTenantWhateverTheEnvironmentSays() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cli-nologin-");
        PackagedCli cli = new PackagedCli(data.resolve("data"))
                .env("QUARKUS_OIDC_TENANT_ENABLED", "true")
                .env("QUARKUS_OIDC_DISCOVERY_ENABLED", "true")
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + provider.getLocalPort() + "/login/oauth")
                .env("SELFCODE_GITHUB_APP_CLIENT_ID", "Iv1.client")
                .env("SELFCODE_GITHUB_APP_CLIENT_SECRET", "5e1fc0de0a7b2c4d6e8f90a1b2c3d4e5f6a7b8c9");

        PackagedCli.Run r = cli.run("history", "--verbose", "--limit", "1");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("[io.quarkus]");
        // The build-time feature list names it; no other line (a tenant starting, failing, connecting) does.
        assertThat(r.err().lines().filter(l -> !l.contains("Installed features")))
                .noneSatisfy(l -> assertThat(l).containsIgnoringCase("oidc"));
        assertThat(connections.get()).as("connections to the login provider").isZero();
    }
}
