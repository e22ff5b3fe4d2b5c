package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.sandbox.Evaluation.Status;
import dev.selfcode.testsupport.Requirements;

/**
 * Each test runner people use, on a small real-shaped project (src/test/resources/runners/NAME: a package.json or
 * pom.xml, a source file, a few tests with one failing), with no .github/selfcode.yml: the config is inferred and the
 * project is measured in the real sandbox. The runners themselves come from the npm registry and Maven Central through
 * scripts/runner-fixtures.sh, which installs them once outside the repository.
 */
class RunnersSandboxTest {

    static final Path FIXTURES = Path.of("src/test/resources/runners");
    static final Path INSTALLED = Path.of(Optional.ofNullable(System.getenv("RUNNER_FIXTURES")).orElse(
            Optional.ofNullable(System.getenv("SELFCODE_HOME")).orElse("/var/cache/selfcode") + "/runner-fixtures"));

    @TempDir
    Path repo;

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON, SandboxTestSupport.JAVA, SandboxTestSupport.NODE);
    }

    /** The production limits (1 CPU, 1g, 256 processes), with the given offline Maven repository. */
    private static SandboxTestSupport.Settings settings(Path m2) {
        return new SandboxTestSupport.Settings(SandboxTestSupport.PYTHON, SandboxTestSupport.JAVA,
                SandboxTestSupport.NODE, 1, "1g", 256, Duration.ofSeconds(120), 256 * 1024, Optional.of(m2),
                SandboxTestSupport.JAVA21);
    }

    /** The fixture copied into the temp repository with its installed node_modules, its config inferred, measured. */
    private Measured measure(String fixture) throws IOException, RepoConfigException {
        return measure(fixture, SandboxTestSupport.settings().mavenRepository().orElseThrow());
    }

    private Measured measure(String fixture, Path m2) throws IOException, RepoConfigException {
        copy(FIXTURES.resolve(fixture), repo);
        Path packageJson = FIXTURES.resolve(fixture).resolve("package.json");
        if (Files.isRegularFile(packageJson) && Files.readString(packageJson).contains("devDependencies")) {
            Path modules = INSTALLED.resolve(fixture).resolve("node_modules");
            Requirements.require(Files.isDirectory(modules),
                    "the runner fixtures are not installed: run scripts/runner-fixtures.sh (" + modules + " is missing)");
            copy(modules, repo.resolve("node_modules"));
        }
        SandboxTestSupport.Settings settings = settings(m2);
        RepoConfig config = new RepoConfigReader(settings).read(repo);
        Evaluation e = new Sandbox(settings).evaluate(repo, config);
        return new Measured(config, e);
    }

    record Measured(RepoConfig config, Evaluation evaluation) {

        @Override
        public String toString() {
            return config.test() + "\n" + evaluation;
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        // cp -a keeps node_modules/.bin's relative links as links, as npm made them.
        Process p = new ProcessBuilder("cp", "-a", from + "/.", to.toString()).inheritIO().start();
        try {
            assertThat(p.waitFor()).as("cp -a " + from).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void assertMeasured(Measured m, int passed, int failed, int skipped, String... ids) {
        Evaluation e = m.evaluation();
        assertThat(e.status()).as(m.toString()).isEqualTo(Status.OK);
        assertThat(e.cause()).as(m.toString()).isEmpty();
        assertThat(new int[]{e.passed(), e.failed(), e.errored(), e.skipped()}).as(m.toString())
                .containsExactly(passed, failed, 0, skipped);
        assertThat(e.exitCodes()).as("the runner's exit code says a test failed").containsEntry("test", 1);
        assertThat(e.testIds()).as(m.toString()).containsExactly(ids);
    }

    @Test
    void nodeTestWithAGlobInItsScript() throws Exception {
        Measured m = measure("node-test");
        // The reporter options go after "node", before the files the shell expands from ./tests/*.js.
        assertThat(m.config().test()).endsWith("--test-reporter-destination=\"$SELFCODE_OUT/junit.xml\" --test ./tests/*.js");
        assertThat(m.config().counting()).isEqualTo(RepoConfig.Counting.REPORTS);
        // node's JUnit reporter names every test case's class "test".
        assertMeasured(m, 3, 1, 0, "test::adds negatives", "test::adds two numbers", "test::is wrong on purpose",
                "test::multiplies");
    }

    @Test
    void mochaAfterAChainedLintScript() throws Exception {
        Measured m = measure("mocha");
        assertThat(m.config().test()).contains("npm run lint && mocha --reporter=xunit");
        assertThat(m.evaluation().logTail()).contains("node --check src/sum.js");
        assertMeasured(m, 3, 1, 0, "add::adds negatives", "add::adds two numbers", "mul::is wrong on purpose",
                "mul::multiplies");
    }

    @Test
    void jestBehindCrossEnv() throws Exception {
        Measured m = measure("jest");
        assertThat(m.config().test()).contains("cross-env NODE_ENV=test jest --json --outputFile=");
        assertMeasured(m, 3, 1, 1, "__tests__/sum.test.js > add::adds negatives",
                "__tests__/sum.test.js > add::adds two numbers", "__tests__/sum.test.js > mul::is not written yet",
                "__tests__/sum.test.js > mul::is wrong on purpose", "__tests__/sum.test.js > mul::multiplies");
    }

    @Test
    void vitest() throws Exception {
        Measured m = measure("vitest");
        assertMeasured(m, 3, 1, 0, "test/sum.test.js::add > adds negatives", "test/sum.test.js::add > adds two numbers",
                "test/sum.test.js::mul > is wrong on purpose", "test/sum.test.js::mul > multiplies");
    }

    @Test
    void tapeThroughTap() throws Exception {
        Measured m = measure("tape");
        // One test per "# name" group, not one per assertion.
        assertMeasured(m, 3, 1, 0, "::adds negatives", "::adds two numbers", "::is wrong on purpose", "::multiplies");
    }

    @Test
    void avaThroughTap() throws Exception {
        Measured m = measure("ava");
        assertMeasured(m, 3, 1, 0, "::adds negatives", "::adds two numbers", "::is wrong on purpose", "::multiplies");
    }

    @Test
    void uvuIsCountedByItsExitCode() throws Exception {
        Measured m = measure("uvu");
        assertThat(m.config().counting()).isEqualTo(RepoConfig.Counting.EXIT_CODE);
        assertThat(m.config().test()).endsWith("uvu tests");
        Evaluation e = m.evaluation();
        assertThat(e.status()).as(m.toString()).isEqualTo(Status.OK);
        assertThat(new int[]{e.passed(), e.failed(), e.errored(), e.skipped()}).containsExactly(0, 1, 0, 0);
        assertThat(e.testIds()).isEmpty();
        assertThat(e.logTail()).contains("FAIL", "is wrong on purpose", "counted by the test step's exit code");
    }

    @Test
    void unittestSuitesRunByPytest() throws Exception {
        Measured m = measure("unittest");
        assertThat(m.config().test()).contains("python3 -m pytest").contains("python_files='test*.py'");
        // testmul.py matches unittest's pattern (test*.py), not pytest's default (test_*.py): it runs too.
        assertMeasured(m, 3, 1, 1, "tests.test_sum.AddTest::test_adds_negatives",
                "tests.test_sum.AddTest::test_adds_two_numbers", "tests.test_sum.MulTest::test_by_zero",
                "tests.test_sum.MulTest::test_is_wrong_on_purpose", "tests.testmul.MulTest::test_multiplies");
    }

    @Test
    void mavenSurefireAndFailsafe() throws Exception {
        Path m2 = INSTALLED.resolve("m2");
        Requirements.require(Files.isDirectory(m2.resolve("org/apache/maven/plugins/maven-failsafe-plugin")),
                "the runner fixtures are not installed: run scripts/runner-fixtures.sh (" + m2 + " lacks Failsafe)");
        Measured m = measure("maven-failsafe", m2);
        // Failsafe runs in the integration-test phase: "verify", not "test".
        assertThat(m.config().test()).endsWith(" verify");
        assertMeasured(m, 3, 1, 0, "fixture.SumIT::isWrongOnPurpose", "fixture.SumIT::multiplies",
                "fixture.SumTest::addsNegatives", "fixture.SumTest::addsTwoNumbers");
    }

    @Test
    void countedByExitCodeTheWholeCommandIsOneTestAndAMissingRunnerIsNoTest() {
        Sandbox sandbox = new Sandbox(settings(SandboxTestSupport.settings().mavenRepository().orElseThrow()));
        RepoConfig passes = SandboxTestSupport.configOf(repo, "image: " + SandboxTestSupport.PYTHON
                + "\ntest: python3 -c 'print(\"all good\")'\ncounting: exit-code\n");
        Evaluation e = sandbox.evaluate(repo, passes);
        assertThat(e.status()).as(e.toString()).isEqualTo(Status.OK);
        assertThat(new int[]{e.passed(), e.failed(), e.errored(), e.skipped()}).containsExactly(1, 0, 0, 0);
        assertThat(e.testIds()).isEmpty();
        RepoConfig missing = SandboxTestSupport.configOf(repo, "image: " + SandboxTestSupport.PYTHON
                + "\ntest: no-such-runner tests\ncounting: exit-code\n");
        Evaluation m = sandbox.evaluate(repo, missing);
        assertThat(m.status()).isEqualTo(Status.BUILD_FAILED);
        assertThat(m.cause()).isEqualTo("the test command was not found or cannot run (exit 127)");
    }

    @Test
    void theSeededMavenRepositoryHasNoFailsafe() {
        // Why the Failsafe test uses its own repository: until the deps phase fetches plugins, a Failsafe build fails
        // offline against the seeded one.
        Path seeded = SandboxTestSupport.settings().mavenRepository().orElseThrow();
        Requirements.require(Files.isDirectory(seeded), "no seeded Maven repository at " + seeded);
        assertThat(seeded.resolve("org/apache/maven/plugins/maven-failsafe-plugin")).doesNotExist();
    }
}
