package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.Language;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.PromptCost;
import dev.selfcode.metrics.Forecasts;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.metrics.TrendPredictor.Prediction;
import dev.selfcode.sandbox.Evaluation;

/** The record stage writes numbers, reasons and the published commit to MariaDB. */
@QuarkusTest
class RecordPatchTest {

    @Inject
    RecordPatch record;
    @Inject
    PatchHistory history;

    @TempDir
    Path tmp;

    @Test
    void aDecisionIsRecordedWithEveryNumberAndTheRowsAsNumbers() throws Exception {
        var tree = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        try (var wt = tree.worktree()) {
            PatchRequest request = StageFixtures.request(tmp, "calc.py", "add mul");
            long id = history.open(request.repo(), "calc.py", request.description(), "cli", null);
            Metrics base = new Metrics(10, 2, 1, Metrics.RoiSource.PASSED_TESTS);
            Metrics cand = new Metrics(11, 2, 1.1, Metrics.RoiSource.PASSED_TESTS);
            Prediction prediction = Forecasts.narrow(12, 1, 3);
            Decision decision = PatchPolicy.decide(base, cand, prediction, tree.threshold());
            Evaluation evaluation = new Evaluation(Evaluation.Status.OK, 10, 0, 0, 0, 0, java.util.Optional.empty(),
                    Map.of(), 1, 1L << 20, 1, Map.of("test", 0), "");
            var report = PatchReport.start(request, id).checkedOut(tree)
                    .generated(new GeneratedCode("def mul(a, b):\n    return a * b\n", "llm", "gpt-x", 3974, 24, "p",
                            "r", null, new PromptCost(58, 28979, true, 21212, java.util.Optional.of(0.87))))
                    .decided(new EvaluatePatch.Evaluated(evaluation, false, evaluation, base, cand,
                            java.util.List.of(), evaluation), prediction, decision);

            assertThat(record.run(report)).isEqualTo("patch #" + id + " recorded");
            record.published(report.committed("a".repeat(40)));

            PatchAttempt a = history.get(id);
            assertThat(a.decision).isEqualTo(PatchAttempt.KEEP);
            assertThat(a.roiBefore).isEqualTo(10);
            assertThat(a.roiDelta).isEqualTo(1);
            assertThat(a.complexityDelta).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(a.predictedRoiDelta).isEqualTo(2);
            assertThat(a.predictedErrorsDelta).isEqualTo(-1);
            assertThat(a.threshold).isEqualTo(0.5);
            assertThat(a.decisionTable).contains("\"metric\":\"roi\"").contains("\"direction\":\"HIGHER_IS_BETTER\"")
                    .doesNotContain("|");
            assertThat(a.headSha).isEqualTo("a".repeat(40));
            assertThat(a.branch).isEqualTo(wt.branch());
            assertThat(a.promptTokens).isEqualTo(3974);
            assertThat(a.completionTokens).isEqualTo(24);
            assertThat(a.summarizerCalls).isEqualTo(58);
            assertThat(a.summarizerTokens).isEqualTo(28979);
            assertThat(a.promptPrefixShare).isEqualTo(0.87);
        }
    }

    @Test
    void aFailureIsRecordedWithItsStageKindAndDetailTail() {
        PatchRequest request = StageFixtures.request(tmp, "calc.py", "add mul");
        long id = history.open(request.repo(), "", request.description(), "comment", null);
        var f = new StageFailure(FailureKind.REJECTED, "candidate broke", "x".repeat(5000) + "END", null);

        record.failure(PatchReport.start(request, id).timed(Map.of(Stage.CHECKOUT, 5L)), Stage.EVALUATE, f);

        PatchAttempt a = history.get(id);
        assertThat(a.decision).isEqualTo(PatchAttempt.REVERT);
        assertThat(a.failureStage).isEqualTo("evaluate");
        assertThat(a.reasons).startsWith("REJECTED: candidate broke\n\n...").endsWith("END")
                .hasSizeLessThan(RecordPatch.MAX_DETAIL + 100);
        assertThat(a.filePath).isEqualTo("calc.py");
        assertThat(a.timings).isEqualTo("checkout=5ms");
    }
}
