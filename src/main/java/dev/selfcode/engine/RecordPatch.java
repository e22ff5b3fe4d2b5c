package dev.selfcode.engine;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.metrics.PatchTries;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.telemetry.Meters;
import dev.selfcode.text.Text;

/**
 * The record stage: writes every number and reason of an attempt to its history row, the base's metric sample and
 * the outcome of the model interaction. Also records a failure, and the commit publish made.
 */
@ApplicationScoped
class RecordPatch {

    /** The most of a failure's detail (a log tail, a model answer) kept with its reasons. */
    static final int MAX_DETAIL = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PatchHistory history;
    @Inject
    GptMemory memory;
    @Inject
    PatchTries tries;

    /** The reasons, and why repairs stopped early when a budget stopped them. */
    private static String withStop(String reasons, PatchReport report) {
        String stopped = report.tries().map(t -> t.tried().stopped()).orElse("");
        if (stopped.isEmpty()) {
            return reasons;
        }
        String line = "repairs stopped: " + stopped;
        return reasons == null ? line : reasons + "\n" + line;
    }

    String run(PatchReport report) {
        Decision decision = report.decision().orElseThrow();
        EvaluatePatch.Evaluated e = report.evaluated().orElseThrow();
        history.update(report.patchId(), a -> {
            common(a, report);
            a.roiBefore = e.baseMetrics().roi();
            a.roiAfter = e.candidateMetrics().roi();
            a.roiDelta = a.roiAfter - a.roiBefore;
            a.errorsBefore = e.baseMetrics().errors();
            a.errorsAfter = e.candidateMetrics().errors();
            a.errorsDelta = a.errorsAfter - a.errorsBefore;
            a.complexityBefore = e.baseMetrics().complexity();
            a.complexityAfter = e.candidateMetrics().complexity();
            a.complexityDelta = a.complexityAfter - a.complexityBefore;
            report.prediction().ifPresent(p -> {
                p.roi().ifPresent(f -> {
                    a.predictedRoi = f.value();
                    a.predictedRoiDelta = f.value() - a.roiBefore;
                });
                p.errors().ifPresent(f -> {
                    a.predictedErrors = f.value();
                    a.predictedErrorsDelta = f.value() - a.errorsBefore;
                });
            });
            a.decision = decision.kept() ? PatchAttempt.KEEP : PatchAttempt.REVERT;
            a.reasons = decision.reasons().isEmpty() ? null : String.join("\n", decision.reasons());
            a.decisionTable = rows(decision);
        });
        tries.decideLast(report.patchId(), decision.kept() ? PatchAttempt.KEEP : PatchAttempt.REVERT,
                withStop(decision.reasons().isEmpty() ? null : String.join("\n", decision.reasons()), report));
        // The base's own numbers, not the comparison's (which leaves out flaky tests that failed on either side).
        Evaluation sampled = e.sampledBase();
        history.sample(report.request().repo(), report.worktree().orElseThrow().baseSha(),
                Metrics.of(sampled, sampled, e.baseMetrics().roiSource()), sampled);
        memory.recordOutcome(report.patchId(), decision.kept() ? PatchAttempt.KEEP : PatchAttempt.REVERT);
        Meters.decision(decision.kept() ? "kept" : "reverted", firedMetrics(decision));
        return "patch #" + report.patchId() + " recorded";
    }

    /** The commit a kept patch was published as, on its branch. */
    void published(PatchReport report) {
        report.headSha().ifPresent(sha -> history.update(report.patchId(), a -> {
            a.headSha = sha;
            a.branch = report.worktree().orElseThrow().branch();
        }));
    }

    void failure(PatchReport report, Stage stage, StageFailure f) {
        if (report.generated().isPresent()) {
            memory.recordOutcome(report.patchId(), f.kind() == FailureKind.REJECTED
                    ? PatchAttempt.REVERT
                    : PatchAttempt.FAILED);
        }
        history.update(report.patchId(), a -> {
            common(a, report);
            a.decision = f.kind() == FailureKind.REJECTED ? PatchAttempt.REVERT : PatchAttempt.FAILED;
            a.failureStage = stage.name().toLowerCase(Locale.ROOT);
            String detail = f.detail() == null ? "" : "\n\n" + Text.tail(f.detail(), MAX_DETAIL);
            a.reasons = withStop(f.kind() + ": " + f.getMessage(), report) + detail;
        });
        tries.decideLast(report.patchId(), f.kind() == FailureKind.REJECTED ? PatchAttempt.REVERT : PatchAttempt.FAILED,
                withStop(f.getMessage(), report));
        if (f.kind() == FailureKind.REJECTED) {
            Meters.decision("rejected", stage.name());
        }
    }

    /** The metrics whose clause fired ("errors", "roi+complexity"): a label with few values, unlike the reasons. */
    static String firedMetrics(Decision decision) {
        if (decision.kept()) {
            return "none";
        }
        String fired = decision.rows().stream().filter(Decision.Row::fired).map(Decision.Row::metric).distinct()
                .sorted().collect(Collectors.joining("+"));
        return fired.isEmpty() ? "unusable" : fired;
    }

    private static void common(PatchAttempt a, PatchReport report) {
        report.worktree().ifPresent(w -> {
            a.baseSha = w.baseSha();
            a.branch = w.branch();
        });
        report.filePath().ifPresent(file -> a.filePath = file);
        a.threshold = report.threshold().map(t -> t.value()).orElse(null);
        a.diff = report.diff().isEmpty() ? null : report.diff();
        report.generated().ifPresent(g -> {
            a.generator = g.generator();
            a.model = g.model();
            a.promptTokens = g.promptTokens();
            a.completionTokens = g.completionTokens();
            a.summarizerCalls = g.cost().summarizerCalls();
            a.summarizerTokens = g.cost().summarizerTokens();
            a.promptPrefixShare = g.cost().sharedPrefix().orElse(null);
        });
        // All tries of a request are one patch: their tokens add up.
        report.tries().filter(t -> t.count() > 1).ifPresent(t -> {
            a.promptTokens = t.promptTokens();
            a.completionTokens = t.completionTokens();
        });
        a.timings = report.timings().entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT)
                + "=" + e.getValue() + "ms").collect(Collectors.joining(" "));
    }

    /** The decision's rows as numbers (JSON), not as a rendered table: templates render them where they are shown. */
    static String rows(Decision decision) {
        try {
            return JSON.writeValueAsString(decision.rows());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision rows", e);
        }
    }
}
