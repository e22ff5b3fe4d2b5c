package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.sandbox.Evaluation.Status;

/**
 * The deps network's only way out is the registry gateway. Proven on this machine only: a second local network
 * with an HTTP server that a container of its own reaches but the dependency phase does not, the phase's route
 * table (one default route, via the host's gateway IP), and the gateway's log.
 */
class DepsNetworkIsolationTest {

    @TempDir
    Path repo;
    @TempDir
    Path cache;

    private final LocalRegistry registry = new LocalRegistry();
    private final List<String> cleanup = new ArrayList<>();

    @BeforeAll
    static void network() {
        DepsTestSupport.requireNetwork();
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON);
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
        java.util.Collections.reverse(cleanup);
        for (String command : cleanup) {
            docker(command.split(" "));
        }
    }

    @Test
    void theDepsPhaseReachesTheGatewayAndNothingElse() throws Exception {
        String probeNet = "selfcode-probe-" + UUID.randomUUID().toString().substring(0, 8);
        docker("network", "create", "--internal", probeNet);
        cleanup.add("network rm " + probeNet);
        String probe = docker("run", "-d", "--network", probeNet, "--user", "65534:65534", "--read-only",
                SandboxTestSupport.PYTHON, "python3", "-m", "http.server", "8080").strip();
        cleanup.add("rm -f " + probe);
        String probeIp = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", probe)
                .strip();
        String fetch = "node -e \"fetch(process.argv[1], {signal: AbortSignal.timeout(4000)})"
                + ".then(r => console.log(process.argv[2] + ': ' + r.status), e => console.log(process.argv[2] + ':"
                + " unreachable'))\"";
        // The probe works: a container on its own network reaches it.
        String own = docker("run", "--rm", "--network", probeNet, SandboxTestSupport.NODE, "sh", "-c",
                fetch + " http://" + probeIp + ":8080/ probe");
        assertThat(own).contains("probe: 200");
        int probeRequests = count(docker("logs", probe), "GET /");

        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = () => 'hi';\n");
        write(repo, "package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
        write(repo, "t.test.js", "require('node:test')('ok', () => {});\n");
        String deps = "cat /proc/net/route; " + fetch + " http://" + probeIp + ":8080/ probe; " + fetch
                + " $HTTP_PROXY/selfcode-greet gateway; exit 3";
        Evaluation result = DepsTestSupport.sandbox(cache, List.of(registry.npm())).evaluate(repo, configOf(repo, """
                image: selfcode/node:20
                deps: "%s"
                test: node --test --test-reporter=junit --test-reporter-destination=$SELFCODE_OUT/junit.xml
                """.formatted(deps.replace("\\", "\\\\").replace("\"", "\\\""))));

        assertThat(result.status()).isEqualTo(Status.DEPS_FAILED);
        String out = result.logTail();
        assertThat(out).contains("probe: unreachable").contains("gateway: 200");
        // Routes: the network's own subnet, and a default route whose gateway is the host's address on it.
        List<String> routes = out.lines().filter(l -> l.startsWith("eth0")).toList();
        assertThat(routes).hasSize(2);
        String gatewayHex = routes.stream().map(l -> l.split("\\s+")).filter(f -> f[1].equals("00000000"))
                .map(f -> f[2]).findFirst().orElseThrow();
        assertThat(hexToIp(gatewayHex)).isEqualTo(DepsNetwork.gateway(DepsTestSupport.NETWORK).getHostAddress());
        assertThat(count(docker("logs", probe), "GET /")).as("requests the probe saw").isEqualTo(probeRequests);
        assertThat(DepsTestSupport.gatewayLog(cache)).anyMatch(l -> l.contains("GET /selfcode-greet -> "));
        assertThat(registry.hits("/npm/selfcode-greet")).isEqualTo(1);
    }

    private static String hexToIp(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    private static int count(String text, String needle) {
        return (int) text.lines().filter(l -> l.contains(needle)).count();
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
