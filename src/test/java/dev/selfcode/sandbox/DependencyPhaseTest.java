package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/** The dependency phase against registries served on this machine: install, cache, refusal, failures. */
class DependencyPhaseTest {

    @TempDir
    Path repo;
    @TempDir
    Path cache;

    private final LocalRegistry registry = new LocalRegistry();

    @BeforeAll
    static void network() {
        DepsTestSupport.requireNetwork();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static final String NODE_TEST = """
            image: selfcode/node:20
            test: node --test --test-reporter=junit --test-reporter-destination=$SELFCODE_OUT/junit.xml
            """;

    private void nodeProject(String devDependencies) {
        write(repo, "package.json", """
                {"name": "app", "version": "1.0.0", "devDependencies": {%s}}
                """.formatted(devDependencies));
        write(repo, "test/greet.test.js", """
                const test = require('node:test');
                const assert = require('node:assert');
                const greet = require('selfcode-greet');
                test('greets', () => assert.strictEqual(greet('you'), 'hello you'));
                """);
    }

    @Test
    void nodeDevDependencyInstalledOnceThenServedFromTheCacheWithoutNetwork() throws Exception {
        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = (n) => 'hello ' + n;\n");
        nodeProject("\"selfcode-greet\": \"^1.0.0\"");
        RepoConfig config = configOf(repo, NODE_TEST);
        assertThat(config.deps()).startsWith("npm install --ignore-scripts");
        Sandbox sandbox = DepsTestSupport.sandbox(cache, List.of(registry.npm()));

        Evaluation first = sandbox.evaluate(repo, config);
        assertThat(first.status()).as(first.cause() + first.logTail()).isEqualTo(Status.OK);
        assertThat(first.passed()).isEqualTo(1);
        int served = registry.requests();
        assertThat(registry.hits("/npm/selfcode-greet/-/selfcode-greet-1.0.0.tgz")).isEqualTo(1);
        List<String> log = DepsTestSupport.gatewayLog(cache);
        assertThat(log).anyMatch(l -> l.contains("GET /selfcode-greet/-/selfcode-greet-1.0.0.tgz"));

        Evaluation second = sandbox.evaluate(repo, config);
        assertThat(second.status()).as(second.cause() + second.logTail()).isEqualTo(Status.OK);
        assertThat(second.passed()).isEqualTo(1);
        assertThat(registry.requests()).as("requests to the registry on the second evaluation").isEqualTo(served);
        assertThat(DepsTestSupport.gatewayLog(cache)).as("the gateway's log").isEqualTo(log);

        // A changed manifest is another key: the phase runs again.
        write(repo, "package.json", """
                {"name": "app", "version": "1.0.1", "devDependencies": {"selfcode-greet": "^1.0.0"}}
                """);
        Evaluation third = sandbox.evaluate(repo, configOf(repo, NODE_TEST));
        assertThat(third.status()).as(third.cause() + third.logTail()).isEqualTo(Status.OK);
        assertThat(registry.hits("/npm/selfcode-greet/-/selfcode-greet-1.0.0.tgz")).isEqualTo(2);
    }

    @Test
    void aHostOutsideTheRegistriesIsRefusedAndNamed() throws Exception {
        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = (n) => 'hello ' + n;\n");
        // The gateway refuses the proxy request itself: nothing is sent to example.org.
        nodeProject("\"selfcode-greet\": \"^1.0.0\", \"evil\": \"https://example.org/evil-1.0.0.tgz\"");
        Evaluation result = DepsTestSupport.sandbox(cache, List.of(registry.npm())).evaluate(repo,
                configOf(repo, NODE_TEST));

        assertThat(result.status()).isEqualTo(Status.DEPS_FAILED);
        assertThat(result.cause()).startsWith("the deps phase tried to reach example.org, which is not an allowed"
                + " registry; add it to selfcode.deps.registries");
        assertThat(DepsTestSupport.gatewayLog(cache)).anyMatch(l -> l.contains("REFUSED CONNECT example.org:443"));
        assertThat(cache.resolve("gateway.log")).exists();
        assertThat(published()).as("nothing is published for a failed phase").isEmpty();
    }

    @Test
    void anUnresolvablePackageQuotesNpmsError() {
        nodeProject("\"selfcode-missing\": \"^1.0.0\"");
        Evaluation result = DepsTestSupport.sandbox(cache, List.of(registry.npm())).evaluate(repo,
                configOf(repo, NODE_TEST));

        assertThat(result.status()).isEqualTo(Status.DEPS_FAILED);
        assertThat(result.cause()).startsWith("the deps command `npm install --ignore-scripts")
                .contains("failed with exit code").contains("404").contains("selfcode-missing");
        assertThat(result.exitCodes()).containsKey("deps");
    }

    @Test
    void twoConcurrentEvaluationsInstallOnce() throws Exception {
        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = (n) => 'hello ' + n;\n");
        nodeProject("\"selfcode-greet\": \"1.0.0\"");
        RepoConfig config = configOf(repo, NODE_TEST);
        Sandbox sandbox = DepsTestSupport.sandbox(cache, List.of(registry.npm()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> sandbox.evaluate(repo, config));
            var b = pool.submit(() -> sandbox.evaluate(repo, config));
            for (Evaluation e : List.of(a.get(), b.get())) {
                assertThat(e.status()).as(e.cause() + e.logTail()).isEqualTo(Status.OK);
                assertThat(e.passed()).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(registry.hits("/npm/selfcode-greet/-/selfcode-greet-1.0.0.tgz")).isEqualTo(1);
        assertThat(published()).hasSize(1);
    }

    @Test
    void theTestPhaseCannotWriteTheInstalledDependencies() {
        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = (n) => 'hello ' + n;\n");
        nodeProject("\"selfcode-greet\": \"1.0.0\"");
        RepoConfig config = configOf(repo, """
                image: selfcode/node:20
                setup: "! touch node_modules/selfcode-greet/index.js 2>/dev/null"
                test: node --test --test-reporter=junit --test-reporter-destination=$SELFCODE_OUT/junit.xml
                """);
        Evaluation result = DepsTestSupport.sandbox(cache, List.of(registry.npm())).evaluate(repo, config);
        assertThat(result.status()).as(result.cause() + result.logTail()).isEqualTo(Status.OK);
        assertThat(result.exitCodes()).containsEntry("setup", 0);
    }

    @Test
    void aMissingNetworkSaysWhatToRun() {
        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = (n) => 'hello ' + n;\n");
        nodeProject("\"selfcode-greet\": \"1.0.0\"");
        DepsSettings missing = new DepsSettings("selfcode-no-such-network", java.util.Optional.empty(), cache,
                java.time.Duration.ofMinutes(1), List.of(registry.npm()), java.util.Optional.empty());
        Evaluation result = new Sandbox(SandboxTestSupport.settings(), java.util.Optional.of(missing)).evaluate(repo,
                configOf(repo, NODE_TEST));
        assertThat(result.status()).isEqualTo(Status.SANDBOX_ERROR);
        assertThat(result.cause()).contains("'selfcode-no-such-network' is missing")
                .contains("run scripts/services.sh deps-network");
        assertThat(registry.requests()).isZero();
    }

    @Test
    void pythonRequirementsFromALocalIndexOnTheUserSite() {
        SandboxTestSupport.requireImages(DepsTestSupport.PYTHON_PIP);
        registry.wheel("selfcode-greet", "1.0", "selfcode_greet", "def greet(n):\n    return 'hello ' + n\n");
        write(repo, "requirements.txt", "selfcode-greet==1.0\n");
        // The workspace's own module wins over an installed module of the same name.
        registry.wheel("app-shadow", "1.0", "app", "VALUE = 'installed copy'\n");
        write(repo, "requirements-dev.txt", "app-shadow==1.0\n");
        write(repo, "app.py", "VALUE = 'workspace'\n");
        write(repo, "test_greet.py", """
                import app
                from selfcode_greet import greet


                def test_greets():
                    assert greet('you') == 'hello you'


                def test_workspace_wins():
                    assert app.VALUE == 'workspace'
                """);
        RepoConfig config = configOf(repo, "image: " + DepsTestSupport.PYTHON_PIP + "\n"
                + "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n");
        assertThat(config.deps()).isEqualTo("python3 -m pip install --user -r requirements-dev.txt -r requirements.txt");
        Evaluation result = DepsTestSupport.sandbox(cache, List.of(registry.pypi())).evaluate(repo, config);

        assertThat(result.status()).as(result.cause() + result.logTail()).isEqualTo(Status.OK);
        assertThat(result.passed()).isEqualTo(2);
        assertThat(registry.hits("/files/selfcode_greet-1.0-py3-none-any.whl")).isEqualTo(1);
    }

    @Test
    void aPhasePastItsTimeLimitOrOverItsMemoryIsDepsFailed() {
        write(repo, "package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
        DepsSettings quick = new DepsSettings(DepsTestSupport.NETWORK, java.util.Optional.empty(), cache,
                java.time.Duration.ofSeconds(2), List.of(registry.npm()), java.util.Optional.empty());
        Sandbox sandbox = new Sandbox(SandboxTestSupport.settings(), java.util.Optional.of(quick));
        Evaluation slow = sandbox.evaluate(repo, configOf(repo, NODE_TEST + "deps: echo resolving; sleep 30\n"));
        assertThat(slow.status()).isEqualTo(Status.DEPS_FAILED);
        assertThat(slow.cause()).isEqualTo("the deps phase ran past its time limit:\nresolving");

        Evaluation big = DepsTestSupport.sandbox(cache, List.of(registry.npm())).evaluate(repo, configOf(repo,
                NODE_TEST + "limits: { memory: 128m }\n"
                        + "deps: node -e \"const a = []; for (;;) a.push(Buffer.alloc(1 << 20, 1))\"\n"));
        assertThat(big.status()).isEqualTo(Status.DEPS_FAILED);
        assertThat(big.cause()).startsWith("the deps phase was killed for using more than the memory limit of 128 MiB");
    }

    @Test
    void aPrivateRegistrysTokenIsAddedByTheGatewayAndNeverSeenInside() {
        registry.npmPackage("selfcode-greet", "1.0.0", "module.exports = (n) => 'hello ' + n;\n");
        nodeProject("\"selfcode-greet\": \"1.0.0\"");
        Registry privateNpm = new Registry("corp", Registry.Type.NPM, registry.npm().url(), java.util.Optional.empty(),
                java.util.Optional.of("Bearer s3cret-token"));
        RepoConfig config = configOf(repo, NODE_TEST + "deps: npm install --ignore-scripts && ! { env; cat $HOME/.npmrc"
                + " $HOME/.m2/settings.xml $HOME/.config/pip/pip.conf; } | grep s3cret\n");
        Evaluation result = DepsTestSupport.sandbox(cache, List.of(privateNpm)).evaluate(repo, config);

        assertThat(result.status()).as(result.cause() + result.logTail()).isEqualTo(Status.OK);
        assertThat(registry.authorizations()).containsExactly("Bearer s3cret-token");
    }

    /** The published cache entries (manifest-hash folders). */
    private List<Path> published() throws java.io.IOException {
        try (var repos = java.nio.file.Files.list(cache)) {
            List<Path> entries = new java.util.ArrayList<>();
            for (Path r : repos.filter(java.nio.file.Files::isDirectory).toList()) {
                try (var in = java.nio.file.Files.list(r)) {
                    in.filter(p -> java.nio.file.Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                            .forEach(entries::add);
                }
            }
            return entries;
        }
    }
}
