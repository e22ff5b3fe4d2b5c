package dev.selfcode.engine;

import java.util.stream.Collectors;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;

/** The record stage: writes every number and reason of an attempt to its history row. */
final class RecordPatch {

    private RecordPatch() {
    }

    static String record(PatchHistory history, GptMemory memory, PatchRun run) {
        history.update(run.patchId, a -> {
            common(a, run);
            a.roiBefore = run.baseMetrics.roi();
            a.roiAfter = run.candidateMetrics.roi();
            a.roiDelta = a.roiAfter - a.roiBefore;
            a.errorsBefore = run.baseMetrics.errors();
            a.errorsAfter = run.candidateMetrics.errors();
            a.errorsDelta = a.errorsAfter - a.errorsBefore;
            a.complexityBefore = run.baseMetrics.complexity();
            a.complexityAfter = run.candidateMetrics.complexity();
            a.complexityDelta = a.complexityAfter - a.complexityBefore;
            run.prediction.roi().ifPresent(p -> {
                a.predictedRoi = p;
                a.predictedRoiDelta = p - a.roiBefore;
            });
            run.prediction.errors().ifPresent(p -> {
                a.predictedErrors = p;
                a.predictedErrorsDelta = p - a.errorsBefore;
            });
            a.decision = run.decision.kept() ? PatchAttempt.KEEP : PatchAttempt.REVERT;
            a.reasons = run.decision.reasons().isEmpty() ? null : String.join("\n", run.decision.reasons());
            a.decisionTable = DecisionTable.markdown(run.decision);
        });
        history.sample(run.request.repo(), run.worktree.baseSha(), run.baseMetrics, run.baseline);
        memory.recordOutcome(run.patchId, run.decision.kept() ? PatchAttempt.KEEP : PatchAttempt.REVERT);
        return "patch #" + run.patchId + " recorded";
    }

    static void failure(PatchHistory history, GptMemory memory, PatchRun run, Stage stage, StageFailure f) {
        if (run.generated != null) {
            memory.recordOutcome(run.patchId, f.kind() == FailureKind.REJECTED ? PatchAttempt.REVERT : PatchAttempt.FAILED);
        }
        history.update(run.patchId, a -> {
            common(a, run);
            a.decision = f.kind() == FailureKind.REJECTED ? PatchAttempt.REVERT : PatchAttempt.FAILED;
            a.failureStage = stage.name().toLowerCase(java.util.Locale.ROOT);
            String detail = f.detail() == null ? "" : "\n\n" + tail(f.detail(), 4000);
            a.reasons = f.kind() + ": " + f.getMessage() + detail;
        });
    }

    private static void common(PatchAttempt a, PatchRun run) {
        if (run.worktree != null) {
            a.baseSha = run.worktree.baseSha();
            a.branch = run.worktree.branch();
        }
        a.threshold = run.threshold;
        a.diff = run.diff;
        if (run.generated != null) {
            a.generator = run.generated.generator();
            a.model = run.generated.model();
            a.promptTokens = run.generated.promptTokens();
            a.completionTokens = run.generated.completionTokens();
        }
        a.timings = run.timings.entrySet().stream().map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT)
                + "=" + e.getValue() + "ms").collect(Collectors.joining(" "));
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }
}
