package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.sandbox.Evaluation.Status;

/**
 * A pnpm project (packageManager names pnpm) from the real npm registry: corepack fetches pnpm itself through the
 * registry gateway into the deps cache, pnpm installs, and the offline checks run the tests, also through that same
 * pnpm; a second evaluation makes no request.
 */
class PnpmDepsRealRegistryTest {

    /** The Node image with corepack (scripts/sandbox-images.sh; another prefix for a second set). */
    static final String NODE = System.getProperty("selfcode.test.corepack-node-image", SandboxTestSupport.NODE);

    @TempDir
    Path repo;
    @TempDir
    Path cache;

    @BeforeAll
    static void network() {
        DepsTestSupport.requireNetwork();
        SandboxTestSupport.requireImages(NODE);
    }

    @Test
    void pnpmIsFetchedThroughTheGatewayAndRunsOffline() throws Exception {
        write(repo, "package.json", """
                {"name": "app", "version": "1.0.0", "packageManager": "pnpm@9.15.9",
                 "scripts": {"test": "pnpm run unit", "unit": "mocha"},
                 "devDependencies": {"mocha": "10.2.0"}}
                """);
        write(repo, "index.js", "module.exports = (a, b) => a + b;\n");
        write(repo, "test/add.test.js", """
                const assert = require('assert');
                const add = require('..');
                describe('add', () => {
                  it('adds', () => assert.strictEqual(add(1, 2), 3));
                  it('adds zero', () => assert.strictEqual(add(1, 0), 1));
                });
                """);
        SandboxTestSupport.Settings s = SandboxTestSupport.settings();
        SandboxTestSupport.Settings settings = new SandboxTestSupport.Settings(s.pythonImage(), s.javaImage(), NODE, 2,
                "1g", 256, Duration.ofMinutes(5), 64 * 1024, s.mavenRepository(), s.java21Image());
        RepoConfig config = new RepoConfigReader(settings).read(repo);
        assertThat(config.deps()).startsWith("corepack pnpm install --no-frozen-lockfile --ignore-scripts");
        // "pnpm run unit" runs as npm's "npm run unit" would: mocha with its report option, no pnpm needed.
        assertThat(config.test()).contains("mocha --reporter=xunit").doesNotContain("pnpm");
        Sandbox sandbox = DepsTestSupport.sandbox(cache, List.of(DependencyPhaseRealRegistriesTest.NPMJS));

        Evaluation first = sandbox.evaluate(repo, config);
        assertThat(first.status()).as(first.cause() + first.logTail()).isEqualTo(Status.OK);
        assertThat(first.passed()).isEqualTo(2);
        List<String> log = DepsTestSupport.gatewayLog(cache);
        assertThat(log).anyMatch(l -> l.contains("GET /pnpm/-/pnpm-9.15.9.tgz") && l.endsWith(" 200"))
                .anyMatch(l -> l.contains("GET /mocha/-/mocha-10.2.0.tgz") && l.endsWith(" 200"))
                .noneMatch(l -> l.contains("REFUSED"));

        // The checks (network none) run the pnpm the deps phase fetched, from the deps cache.
        write(repo, RepoConfig.PATH, """
                test: pnpm exec mocha --reporter xunit --reporter-option output=$SELFCODE_OUT/junit.xml
                """);
        RepoConfig explicit = new RepoConfigReader(settings).read(repo);
        assertThat(explicit.deps()).isEqualTo(config.deps());
        Evaluation second = sandbox.evaluate(repo, explicit);
        assertThat(second.status()).as(second.cause() + second.logTail()).isEqualTo(Status.OK);
        assertThat(second.passed()).isEqualTo(2);
        assertThat(DepsTestSupport.gatewayLog(cache)).as("no request on the second evaluation").isEqualTo(log);
    }
}
