package dev.selfcode.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.selfcode.engine.Decision;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.TrendPredictor;

/**
 * {@code selfcode show --json}: one recorded attempt. The field names are part of the CLI's interface (README,
 * "selfcode show"): add fields, never rename or drop them. Absent values are {@code null}, never left out.
 *
 * @param createdAt  ISO-8601 in UTC
 * @param decision   KEEP, REVERT, FAILED or PENDING
 * @param rows       the decision table's rows as numbers; empty when the attempt stopped before the decide stage
 * @param reasons    one line each: the fired clauses, or the failure and its log tail
 * @param timingsMs  milliseconds per stage, in stage order
 */
record PatchJson(long id, String repo, String file, String description, String trigger, String createdAt,
        String decision, String failureStage, Double threshold, String baseSha, String headSha, String branch,
        Integer prNumber, String prOutcome, List<Row> rows, List<String> reasons, Tokens tokens, String generator,
        String model, Map<String, Long> timingsMs, String diff) {

    /**
     * One row of the decision table.
     *
     * @param rule     the clause, e.g. {@code delta < -0.5}
     * @param verdict  REVERT when the row fired, {@code ok}, or {@code ok (noise)} for a predicted move inside its
     *                 interval
     * @param forecast for a predicted row, the forecast; null for a measured row
     */
    record Row(String metric, double base, double candidate, double delta, double threshold, String rule,
            String verdict, boolean fired, boolean noise, Forecast forecast) {
    }

    /** A predicted row's forecast; {@code lower} and {@code upper} are null for an unbounded interval. */
    record Forecast(double value, Double lower, Double upper, double level, String method, int points) {
    }

    /** Tokens the attempt's model calls used (all repair tries), and the chunk summarizer's. */
    record Tokens(Integer prompt, Integer completion, Integer total, Integer summarizerCalls, Integer summarizerTokens,
            Double promptPrefixShare) {
    }

    private static final Pattern TIMING = Pattern.compile("([a-z_]+)=(\\d+)ms");

    static PatchJson of(PatchAttempt a, Decision d) {
        Integer total = a.promptTokens == null && a.completionTokens == null
                ? null
                : (a.promptTokens == null ? 0 : a.promptTokens) + (a.completionTokens == null ? 0 : a.completionTokens);
        return new PatchJson(a.id, a.repo, a.filePath, a.description, a.trigger,
                a.createdAt == null ? null : a.createdAt.toString(), a.decision, a.failureStage, a.threshold,
                a.baseSha, a.headSha, a.branch, a.prNumber, a.prOutcome, d.rows().stream().map(PatchJson::row).toList(),
                d.reasons(), new Tokens(a.promptTokens, a.completionTokens, total, a.summarizerCalls,
                        a.summarizerTokens, a.promptPrefixShare),
                a.generator, a.model, timings(a.timings), a.diff);
    }

    private static Row row(Decision.Row r) {
        TrendPredictor.Forecast f = r.forecast();
        Forecast forecast = f == null
                ? null
                : new Forecast(f.value(), finite(f.interval().lower()),
                        finite(f.interval().upper()), f.interval().level(), f.method().label(), f.points());
        return new Row(r.metric(), r.base(), r.candidate(), r.delta(), r.threshold(), r.rule(),
                r.fired() ? "REVERT" : r.noise() ? "ok (noise)" : "ok", r.fired(), r.noise(), forecast);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** {@code checkout=12ms generate=40ms} as the record stage writes it. */
    static Map<String, Long> timings(String text) {
        Map<String, Long> ms = new LinkedHashMap<>();
        if (text != null) {
            Matcher m = TIMING.matcher(text);
            while (m.find()) {
                ms.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return ms;
    }
}
