package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.metrics.TrendPredictor.Prediction;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Sandbox;

/**
 * Flaky tests in the evaluate and decide stages, in the real Docker sandbox (selfcode/python image): a test that
 * failed first and passed on the re-run in two base runs is flaky, left out of both sides and named in the table; a
 * candidate that makes a test fail first and pass when run again is charged for it.
 */
@QuarkusTest
class FlakyTestsTest {

    static final String FLAKY_ID = "test_flaky::test_flaky";
    /**
     * Fails on its first run in a sandbox and passes afterwards (the workspace keeps its marker between the runs),
     * unless a file CALM is in the checkout: a condition outside the code under test, as a flaky test's is.
     */
    static final String FLAKY_TEST = """
            import os

            HERE = os.path.dirname(os.path.abspath(__file__))


            def test_flaky():
                if os.path.exists(os.path.join(HERE, "CALM")):
                    return
                mark = os.path.join(HERE, ".flaky-ran")
                if not os.path.exists(mark):
                    open(mark, "w").close()
                    assert False, "first run in this sandbox"
            """;

    @Inject
    CheckOut checkOut;
    @Inject
    EvaluatePatch evaluate;
    @Inject
    Sandbox sandbox;

    @TempDir
    Path tmp;

    @Test
    void aTestThatFailsFirstAndPassesOnItsRerunIsFlakyAndNotChargedToTheCandidate() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("flaky-" + System.nanoTime()), Map.of("calc.py", StageFixtures.CALC,
                "test_calc.py", StageFixtures.TEST, "test_flaky.py", FLAKY_TEST, ".github/selfcode.yml",
                EvaluatePatchTest.CONFIG));
        PatchRequest request = StageFixtures.request(repo, "calc.py", "add mul");
        var tree = checkOut.run(request, 1);
        try (var wt = tree.worktree()) {
            // Two earlier base commits (the same content) flaked: the test is flaky by the repository's history.
            Evaluation first = evaluate.baseline(request.repo(), "0".repeat(40), wt.dir(), tree.config()).evaluation();
            assertThat(first.failingIds()).containsExactly(FLAKY_ID);
            assertThat(first.rerunPassed()).containsExactly(FLAKY_ID);
            assertThat(evaluate.sampled(request.repo(), first)).as("one flake: the first run stands in the sample")
                    .isEqualTo(first);
            Evaluation second = evaluate.baseline(request.repo(), "1".repeat(40), wt.dir(), tree.config()).evaluation();
            assertThat(second.rerunPassed()).containsExactly(FLAKY_ID);
            Evaluation sampled = evaluate.sampled(request.repo(), second);
            assertThat(sampled.failed()).as("flaky by history: the sample counts its re-run").isZero();
            assertThat(sampled.passed()).isEqualTo(2);
            var cached = evaluate.baseline(request.repo(), "0".repeat(40), wt.dir(), tree.config());
            assertThat(cached.cached()).isTrue();
            assertThat(cached.evaluation().rerunPassed()).as("the re-run survives in the cache").containsExactly(FLAKY_ID);
            // This base's run happened to pass (and is cached); the candidate's run happens to fail the flaky test.
            Path calm = wt.dir().resolve("CALM");
            Files.writeString(calm, "");
            Evaluation base = evaluate.baseline(request.repo(), wt.baseSha(), wt.dir(), tree.config()).evaluation();
            Files.delete(calm);
            assertThat(base.failingIds()).isEmpty();
            var applied = ApplyHelper.apply(tree, code("def mul(a, b):\n    return a * b\n"));

            var measured = evaluate.run(request.repo(), tree, applied);

            assertThat(measured.baselineCached()).isTrue();
            assertThat(measured.candidate().failingIds()).containsExactly(FLAKY_ID);
            assertThat(measured.flakyIgnored()).containsExactly(FLAKY_ID);
            assertThat(measured.baseMetrics().errors()).isZero();
            assertThat(measured.candidateMetrics().errors()).as("the flaky failure is no error").isZero();
            assertThat(measured.candidateMetrics().roi()).isEqualTo(measured.baseMetrics().roi());
            Decision decision = decide(tree, measured);
            assertThat(decision.kept()).as(decision.reasons().toString()).isTrue();
            assertThat(DecisionTable.text(decision)).contains("1 flaky test ignored: " + FLAKY_ID);
        }
    }

    @Test
    void aCandidateThatMakesATestFailFirstAndPassWhenRunAgainIsCharged() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("hostile-" + System.nanoTime()), Map.of("calc.py",
                StageFixtures.CALC, "test_calc.py", StageFixtures.TEST, ".github/selfcode.yml", EvaluatePatchTest.CONFIG));
        PatchRequest request = StageFixtures.request(repo, "calc.py", "make add fail once");
        var tree = checkOut.run(request, 2);
        try (var wt = tree.worktree()) {
            // Wrong on the first call in a sandbox, right from then on: a test of add fails, then passes.
            var applied = ApplyHelper.apply(tree, code("""
                    def add(a, b):
                        import os
                        mark = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".add-ran")
                        if not os.path.exists(mark):
                            open(mark, "w").close()
                            return a + b + 1
                        return a + b
                    """));

            var measured = evaluate.run(request.repo(), tree, applied);

            assertThat(measured.candidate().failingIds()).containsExactly("test_calc::test_add");
            assertThat(measured.candidate().rerunPassed()).isEmpty();
            assertThat(measured.flakyIgnored()).isEmpty();
            assertThat(measured.candidateMetrics().errors()).isEqualTo(measured.baseMetrics().errors() + 1);
            Decision decision = decide(tree, measured);
            assertThat(decision.kept()).isFalse();
            assertThat(decision.reasons()).anyMatch(r -> r.startsWith("errors changed by +1.000"));
            // Run again, as a base would be, the test passes: it is the re-run the candidate does not get.
            Evaluation again = sandbox.evaluateBase(wt.dir(), tree.config());
            assertThat(again.rerunPassed()).containsExactly("test_calc::test_add");
        }
    }

    private static Decision decide(CheckOut.CheckedOut tree, EvaluatePatch.Evaluated measured) {
        return PatchPolicy.decide(measured.baseMetrics(), measured.candidateMetrics(), Prediction.none(0),
                tree.threshold()).ignoring(measured.flakyIgnored());
    }

    private static GeneratedCode code(String code) {
        return new GeneratedCode(code, "template", "template", 0, 0, "", "");
    }
}
