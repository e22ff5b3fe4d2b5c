package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.sandbox.Evaluation.Status;
import dev.selfcode.testsupport.Requirements;

/**
 * Test scripts that chain lint tools and several test runs, as real projects write them ({@code xo && ava && tsd},
 * {@code pnpm run test:nodejs && pnpm run test:edge}), inferred and measured in the real sandbox on the jest runner
 * fixture (scripts/runner-fixtures.sh installs it).
 */
class NodeChainsSandboxTest {

    @TempDir
    Path repo;

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(SandboxTestSupport.NODE);
    }

    private Evaluation measure(String scripts, RepoConfig[] inferred) throws Exception {
        Path modules = RunnersSandboxTest.INSTALLED.resolve("jest").resolve("node_modules");
        Requirements.require(Files.isDirectory(modules),
                "the runner fixtures are not installed: run scripts/runner-fixtures.sh (" + modules + " is missing)");
        RunnersSandboxTest.copy(RunnersSandboxTest.FIXTURES.resolve("jest"), repo);
        RunnersSandboxTest.copy(modules, repo.resolve("node_modules"));
        Files.writeString(repo.resolve("package.json"), """
                {"name": "chains", "version": "1.0.0", "private": true, "scripts": {%s},
                 "devDependencies": {"cross-env": "^7.0.3", "jest": "^29.7.0"}}
                """.formatted(scripts));
        SandboxTestSupport.Settings s = SandboxTestSupport.settings();
        SandboxTestSupport.Settings settings = new SandboxTestSupport.Settings(s.pythonImage(), s.javaImage(),
                s.nodeImage(), 1, "1g", 256, Duration.ofSeconds(120), 256 * 1024, s.mavenRepository(), s.java21Image());
        RepoConfig config = new RepoConfigReader(settings).read(repo);
        inferred[0] = config;
        return new Sandbox(settings, Optional.empty()).evaluate(repo, config);
    }

    @Test
    void everyJestRunOfTheChainIsCountedAndTheLintToolIsAFindingNotAFailedMeasurement() throws Exception {
        RepoConfig[] config = new RepoConfig[1];
        // The first run passes (only the "add" tests), so && goes on to the second (the "mul" tests, one failing).
        // tsd is not installed: the lint step fails, which is a finding, and the tests are still measured.
        Evaluation e = measure("""
                "test": "tsd && npm run test:add && npm run test:mul", "test:add": "jest -t add",
                "test:mul": "jest -t mul"
                """, config);
        String why = config[0].test() + "\n" + e;
        assertThat(config[0].lint()).as(why).endsWith("s=0; tsd || s=$?; exit $s");
        assertThat(config[0].test()).as(why).doesNotContain("tsd").contains("report-2.json").contains("report.json");
        assertThat(e.status()).as(why).isEqualTo(Status.OK);
        assertThat(e.exitCodes()).as(why).containsEntry("lint", 127).containsEntry("test", 1);
        assertThat(e.lintFindings()).as(why).isEqualTo(1);
        // jest -t skips the tests it does not select: both runs' reports are counted, neither replaces the other.
        assertThat(e.passed() + e.failed()).as(why).isEqualTo(4);
        assertThat(e.failed()).as(why).isEqualTo(1);
        assertThat(e.testIds()).as(why).contains("__tests__/sum.test.js > add::adds two numbers",
                "__tests__/sum.test.js > mul::is wrong on purpose");
    }
    @Test
    void twoNodeTestRunsEachReportAndTheirSummariesAddUp() throws Exception {
        SandboxTestSupport.write(repo, "package.json", "{\"name\": \"two-runs\", \"version\": \"1.0.0\", \"scripts\":"
                + " {\"test\": \"node --test tests/a.test.js && node --test tests/b.test.js\"}}\n");
        SandboxTestSupport.write(repo, "tests/a.test.js", """
                const test = require('node:test');
                test('adds', () => {});
                test('subtracts', () => {});
                """);
        SandboxTestSupport.write(repo, "tests/b.test.js", """
                const test = require('node:test');
                const assert = require('node:assert');
                test('multiplies', () => {});
                test('is wrong on purpose', () => assert.strictEqual(2 * 3, 7));
                """);
        SandboxTestSupport.Settings settings = SandboxTestSupport.settings();
        RepoConfig config = new RepoConfigReader(settings).read(repo);
        Evaluation e = new Sandbox(settings, Optional.empty()).evaluate(repo, config);
        String why = config.test() + "\n" + e;
        assertThat(config.test()).as(why).contains("junit-2.xml").contains("$SELFCODE_OUT/junit.xml");
        // Both runs' reports, checked against both runs' "tests N" summaries (4), not only the last one's (2).
        assertThat(e.status()).as(why).isEqualTo(Status.OK);
        assertThat(new int[]{e.passed(), e.failed()}).as(why).containsExactly(3, 1);
        assertThat(e.testIds()).as(why).containsExactly("test::adds", "test::is wrong on purpose", "test::multiplies",
                "test::subtracts");
    }
}
