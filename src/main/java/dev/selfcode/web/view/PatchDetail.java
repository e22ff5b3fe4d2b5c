package dev.selfcode.web.view;

import java.time.Instant;
import java.util.List;

/**
 * Everything recorded about one patch attempt: {@code GET /api/patches/{id}}, the patch page and
 * {@code selfcode show}. Texts that can hold what a model wrote or a user typed are redacted of secrets.
 *
 * @param reasons   why it was decided so, one per line as recorded
 * @param metrics   roi, errors and complexity before and after, with the predicted values
 * @param decision  the decision table's rows with their verdicts (empty for an attempt that failed before)
 * @param threshold the threshold it was decided with
 * @param timings   how long each stage took, in the order they ran
 * @param calls     the model calls made for it (prompt and answer), oldest first
 * @param tries     the tries of the repair loop, empty when it took one
 * @param links     its branch and pull request
 * @param rollback  the rollback watch of its merge, null when not merged
 */
public record PatchDetail(long id, String repo, String filePath, String description, String trigger,
        String decisionValue, String failureStage, List<String> reasons, List<Metric> metrics,
        List<DecisionRow> decision, Double threshold, String diff, String generator, String model, Tokens tokens,
        List<StageTiming> timings, List<ModelCall> calls, List<Try> tries, Links links, Rollback rollback,
        String baseSha, String headSha, Long jobId, Instant createdAt) {

    public PatchDetail {
        reasons = List.copyOf(reasons);
        metrics = List.copyOf(metrics);
        decision = List.copyOf(decision);
        timings = List.copyOf(timings);
        calls = List.copyOf(calls);
        tries = List.copyOf(tries);
    }

    /** One metric before and after; {@code predicted} is the trend's forecast with the candidate, when made. */
    public record Metric(String metric, Double before, Double after, Double delta, Double predicted,
            Double predictedDelta) {
    }

    /**
     * One row of the decision table, as the CLI, the commit message and the pull request show it
     * ({@code engine.DecisionTable.Cells}), with the numbers unformatted too.
     *
     * @param rule     the clause, e.g. {@code delta < -0.5}
     * @param verdict  REVERT when it fired, "ok (noise)" when the interval overruled the threshold, else ok
     * @param interval a predicted row's interval, e.g. {@code 95% 10.100 .. 14.500, Holt, 21 points}; empty for a
     *                 measured row
     */
    public record DecisionRow(String metric, double base, double candidate, double delta, String rule,
            String verdict, boolean fired, boolean noise, String interval, String baseText, String candidateText,
            String deltaText) {
    }

    /**
     * Tokens: prompt and answer of every try, the chunk summarizer's, and the share of the prompt a provider's
     * prefix cache could reuse (0..1). Null parts were not recorded (no model asked).
     */
    public record Tokens(Integer prompt, Integer completion, Integer total, Integer summarizerCalls,
            Integer summarizerTokens, Double promptPrefixShare) {
    }

    public record StageTiming(String stage, long millis) {
    }

    /** One model call: prompt and answer redacted of secrets. */
    public record ModelCall(long id, String purpose, String model, String prompt, String response, String error,
            Integer promptTokens, Integer completionTokens, Long latencyMs, Instant createdAt) {
    }

    /** One try of the repair loop. */
    public record Try(int number, String generator, String decision, String reasons, Integer promptTokens,
            Integer completionTokens, Instant createdAt) {
    }

    /** Branch and pull request, with links on GitHub; null parts do not exist. */
    public record Links(String branch, String branchUrl, Integer prNumber, String prUrl, String prOutcome) {
    }

    /** The rollback watch: watching, reverting, reverted, evidence or cleared. */
    public record Rollback(String state, Instant mergedAt, String mergeSha, String verdict, String revertBranch,
            Integer revertPr, Instant updatedAt) {
    }
}
