package dev.selfcode.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;

import dev.selfcode.testsupport.Requirements;

/** The dependency phase for tests: the deps network of scripts/services.sh, a cache in a test folder. */
final class DepsTestSupport {

    static final String NETWORK = "selfcode-deps";
    /** The Python image with pip (scripts/sandbox-images.sh builds it; another prefix for a second set). */
    static final String PYTHON_PIP = System.getProperty("selfcode.test.python-pip-image", "selfcode/python:3.11");

    private DepsTestSupport() {
    }

    static DepsSettings settings(Path cacheDir, List<Registry> registries) {
        Path ca = Path.of("/etc/ssl/certs/ca-certificates.crt");
        return new DepsSettings(NETWORK, Files.isRegularFile(ca) ? Optional.of(ca) : Optional.empty(), cacheDir,
                Duration.ofMinutes(10), registries, SandboxTestSupport.settings().mavenRepository());
    }

    static Sandbox sandbox(Path cacheDir, List<Registry> registries) {
        return new Sandbox(SandboxTestSupport.settings(256, 64 * 1024), Optional.of(settings(cacheDir, registries)));
    }

    /** Skips (fails on CI) without Docker or the deps network. */
    static void requireNetwork() {
        SandboxTestSupport.requireImages(SandboxTestSupport.NODE);
        boolean present;
        try {
            DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(NETWORK).exec();
            present = true;
        } catch (RuntimeException e) {
            present = false;
        }
        Requirements.require(present, "the Docker network " + NETWORK + " is missing: run "
                + DepsNetwork.SCRIPT);
    }

    /** The shared gateway log's lines (empty when none yet). */
    static List<String> gatewayLog(Path cacheDir) throws java.io.IOException {
        Path log = cacheDir.resolve("gateway.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
