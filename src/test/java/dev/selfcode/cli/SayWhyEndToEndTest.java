package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.Stage;
import dev.selfcode.engine.UnusableEvaluation;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.sandbox.Evaluation;
import picocli.CommandLine;

/**
 * What {@code selfcode apply} prints when a measurement cannot be used: the cause, the limit that was hit, the
 * failing step's lines and a hint, from real sandbox runs (memory limit, time limit, a runner that is not installed,
 * a Maven compile error); and a base that cannot be measured is its own outcome, exit 1 or, when the user's input is
 * at fault, 2.
 */
@QuarkusTest
class SayWhyEndToEndTest {

    static final String PYTEST = "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n";

    @Inject
    CommandLine.IFactory factory;
    @Inject
    PatchHistory history;

    Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "why-");
    }

    CliRun apply(Path repo, String file) {
        return CliRun.of(factory, "apply", "--repo", repo.toString(), "--file", file, "--generator", "template",
                "add a helper");
    }

    static Map<String, String> python(String test, String config) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("calc.py", "def add(a, b):\n    return a + b\n");
        files.put("test_calc.py", test);
        files.put(".github/selfcode.yml", config);
        return files;
    }

    /** The base is measured first and fails, so nothing of the candidate runs: not a verdict on the patch. */
    void assertBaseNotMeasured(CliRun r, int exit) {
        assertThat(r.exit()).as(r.out()).isEqualTo(exit);
        assertThat(r.out()).contains("NOT MEASURED: evaluate: the base branch does not pass its own checks: ")
                .doesNotContain("REVERTED").doesNotContain("BAD INPUT").doesNotContain("exit codes {");
        PatchAttempt a = history.get(r.patchId());
        assertThat(a.decision).isEqualTo(PatchAttempt.FAILED);
        assertThat(a.failureStage).isEqualTo("evaluate");
    }

    @Test
    void aBaseThatRunsOutOfMemoryNamesTheLimitAndExitsOne() throws Exception {
        Path repo = TestRepos.create(root.resolve("oom"), python("""
                from calc import add


                def test_add():
                    hoard = b"x" * (400 * 1024 * 1024)
                    assert add(1, 2) == 3 and hoard
                """, PYTEST + "limits: { memory: 128m, timeout: 60s }\n"));
        CliRun r = apply(repo, "calc.py");
        assertBaseNotMeasured(r, 1);
        assertThat(r.out()).contains("killed for using more than the memory limit of 128 MiB")
                .contains("limit hit: memory limit of 128 MiB").contains("the test step (exit ")
                .contains("hint: if the checks need more memory, raise `limits: { memory: ... }`");
    }

    @Test
    void aBaseThatRunsOutOfTimeNamesTheLimitAndExitsOne() throws Exception {
        Path repo = TestRepos.create(root.resolve("slow"), python("""
                import time

                from calc import add


                def test_add():
                    print("waiting for the network", flush=True)
                    time.sleep(120)
                    assert add(1, 2) == 3
                """, PYTEST + "limits: { memory: 512m, timeout: 3s }\n"));
        CliRun r = apply(repo, "calc.py");
        assertBaseNotMeasured(r, 1);
        assertThat(r.out()).contains("timed out after 3 s in step 'test'").contains("limit hit: time limit of 3 s")
                .contains("hint: if the checks need longer, raise `limits: { timeout: ... }`");
    }

    @Test
    void aConfiguredRunnerThatIsNotInstalledIsTheUsersToFixExitTwo() throws Exception {
        Path repo = TestRepos.create(root.resolve("uvu"), python("def test_add():\n    pass\n",
                "test: uvu tests --reporter junit > $SELFCODE_OUT/junit.xml\n"));
        CliRun r = apply(repo, "calc.py");
        assertBaseNotMeasured(r, 2);
        assertThat(r.out()).contains("the test step (exit 127), last lines:").contains("uvu: not found")
                .contains("hint: `uvu` is not installed in the sandbox image selfcode/python:3.11");
    }

    @Test
    void aBaseWhoseMavenBuildDoesNotCompileShowsMavensErrorLines() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(TestRepos.maven(2));
        // A type error in another file: valid syntax (the guard lets the patched file through), but no build.
        files.put("src/main/java/demo/Other.java", "package demo;\n\nclass Other {\n    int broken = \"text\";\n}\n");
        Path repo = TestRepos.create(root.resolve("mvn"), files);
        CliRun r = apply(repo, "src/main/java/demo/Calc.java");
        assertBaseNotMeasured(r, 1);
        assertThat(r.out()).contains("| [ERROR]").contains("Other.java:[4,")
                .contains("incompatible types")
                .doesNotContain("Re-run Maven using the -X switch");
    }

    static RepoConfig config() {
        return new RepoConfig("selfcode/node:20", null, null, "npm test", null, null, Optional.empty(), List.of(),
                new RepoConfig.Limits(1, 512L << 20, java.time.Duration.ofMinutes(1)),
                new RepoConfig.Sweep("0 3 * * 1", false), Optional.empty(), true, "npm ci", RepoConfig.Counting.REPORTS);
    }

    /** Statuses other parts of the sandbox produce (dependency phase, cross-checked reports): their cause passes through. */
    static Evaluation evaluation(Evaluation.Status status, Map<String, Integer> exits, String log, String cause) {
        return new Evaluation(status, 2, 0, 0, 0, 0, Optional.empty(), Map.of(), 0.5, 1 << 20, 1.5, exits, log,
                List.of(), cause);
    }

    static final Evaluation DEPS_FAILED = evaluation(Evaluation.Status.DEPS_FAILED, Map.of("deps", 1),
            "$ deps\nnpm error code E403\nnpm error 403 Forbidden - GET https://evil.example/left-pad\n[deps exited 1]\n",
            "the dependency phase could not fetch https://evil.example/left-pad: the proxy refused evil.example"
                    + " (not an allowed registry)");
    static final Evaluation INCONSISTENT = evaluation(Evaluation.Status.INCONSISTENT, Map.of("test", 1),
            "$ test\n3 passing\n[test exited 1]\n",
            "the test step exited 1 but its report shows no failing test");

    static String printed(PatchOutcome outcome) {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw, true);
        ApplyCommand.print(w, w, outcome);
        return sw.toString();
    }

    @Test
    void causesOfTheDependencyPhaseAndOfDisagreeingReportsArePrintedAsGiven() {
        PatchOutcome base = PatchOutcome.failed(7, Stage.EVALUATE,
                UnusableEvaluation.ofBase(DEPS_FAILED, config(), 1000), Map.of());
        assertThat(base.exitCode()).isEqualTo(1);
        assertThat(printed(base)).contains("NOT MEASURED: evaluate: the base branch does not pass its own checks: "
                + "the dependency phase could not fetch https://evil.example/left-pad: the proxy refused evil.example")
                .contains("the deps step (exit 1), last lines:").contains("| npm error 403 Forbidden");

        PatchOutcome candidate = PatchOutcome.failed(8, Stage.EVALUATE,
                UnusableEvaluation.ofCandidate(INCONSISTENT, config(), 1000), Map.of());
        assertThat(candidate.exitCode()).isEqualTo(3);
        assertThat(printed(candidate)).contains("REVERTED: evaluate: the candidate does not pass the checks: "
                + "the test step exited 1 but its report shows no failing test").contains("| 3 passing");

        PatchOutcome inconsistentBase = PatchOutcome.failed(9, Stage.EVALUATE,
                UnusableEvaluation.ofBase(INCONSISTENT, config(), 1000), Map.of());
        assertThat(inconsistentBase.status()).isEqualTo(PatchOutcome.Status.BASE_UNMEASURABLE);
        assertThat(inconsistentBase.exitCode()).isEqualTo(1);
    }
}
