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
}
