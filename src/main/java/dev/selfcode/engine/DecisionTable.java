package dev.selfcode.engine;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.PromptCost;
import dev.selfcode.metrics.TrendPredictor.Forecast;
import dev.selfcode.metrics.TrendPredictor.Interval;
import dev.selfcode.text.Text;

/**
 * The decision's rows as the cells a table shows, and the plain-text table (CLI, commit message) rendered by the
 * Qute template {@code templates/engine/decisionTable.txt}. GitHub's Markdown table is its own template.
 */
@CheckedTemplate(basePath = "engine")
public final class DecisionTable {

    private DecisionTable() {
    }

    /**
     * One row, formatted: numbers with three decimals, the delta signed.
     *
     * @param rule   the clause, e.g. {@code delta < -0.5}
     * @param clause  the clause without "delta", as the text table's threshold column shows it
     * @param verdict REVERT when the row fired, else ok ("ok (noise)" when the interval overruled the threshold)
     * @param interval a predicted row's interval and method, e.g. {@code 95% 10.100 .. 14.500, Holt, 21 points};
     *                 empty for a measured row
     * @param noise    a predicted move beyond the threshold but inside the interval: not a reason
     */
    public record Cells(String metric, String base, String candidate, String delta, String rule, String clause,
            String verdict, boolean fired, String interval, boolean noise) {
    }

    public static List<Cells> cells(Decision d) {
        return cells(d.rows());
    }

    /** The cells of recorded rows (a patch's {@code decision_table}, read back by the dashboard and the API). */
    public static List<Cells> cells(List<Decision.Row> rows) {
        return rows.stream().map(r -> new Cells(r.metric(), Text.fixed(r.base()), Text.fixed(r.candidate()),
                Text.signed(r.delta()), r.rule(), r.rule().replace("delta ", ""),
                r.fired() ? "REVERT" : r.noise() ? "ok (noise)" : "ok", r.fired(), interval(r.forecast()), r.noise()))
                .toList();
    }

    /** {@code 95% 10.100 .. 14.500, Holt, 21 points}; empty without a forecast. */
    static String interval(Forecast f) {
        if (f == null) {
            return "";
        }
        Interval i = f.interval();
        String range = i.bounded() ? Text.fixed(i.lower()) + " .. " + Text.fixed(i.upper()) : "unbounded";
        // Rounded to a tenth first: 0.9 * 100 is 90.00000000000001 in binary.
        return Text.compact(Math.round(i.level() * 1000) / 10.0) + "% " + range + ", " + f.method().label() + ", " + f.points()
                + " points";
    }

    /**
     * The plain-text table: a header and one line per row, columns aligned, each prediction's interval, and how the
     * tests were counted.
     */
    public static String text(Decision d) {
        return decisionTable(cells(d), d.countedByExitCode(), flaky(d), tries(d)).render();
    }

    /** At most this many flaky tests are named; the rest are counted. */
    static final int FLAKY_NAMED = 5;

    /** {@code 2 flaky tests ignored: a, b} (the first {@link #FLAKY_NAMED} named), empty when none was. */
    public static String flaky(Decision d) {
        List<String> ids = d.flakyIgnored();
        if (ids.isEmpty()) {
            return "";
        }
        String named = String.join(", ", ids.subList(0, Math.min(FLAKY_NAMED, ids.size())))
                + (ids.size() > FLAKY_NAMED ? " and " + (ids.size() - FLAKY_NAMED) + " more" : "");
        return ids.size() + (ids.size() == 1 ? " flaky test" : " flaky tests") + " ignored: " + named
                + " (each failed and then passed on a re-run in at least 2 of the last 10 base runs; left out of both"
                + " sides' numbers)";
    }

    /**
     * The tokens one patch's generation used, counted with JTokkit where the endpoint reported none:
     * {@code 1234 (1200 prompt + 34 answer); chunk summaries: 3 calls, 2345 tokens; 87% of the prompt as the previous
     * one on this file}.
     */
    public static String tokens(GeneratedCode g) {
        StringBuilder text = new StringBuilder().append(g.promptTokens() + g.completionTokens()).append(" (")
                .append(g.promptTokens()).append(" prompt + ").append(g.completionTokens()).append(" answer)");
        PromptCost cost = g.cost();
        if (cost.chunked()) {
            text.append("; file of ").append(cost.fileTokens()).append(" tokens shown as chunk summaries");
        }
        if (cost.summarizerCalls() > 0) {
            text.append("; chunk summaries: ").append(cost.summarizerCalls())
                    .append(cost.summarizerCalls() == 1 ? " call, " : " calls, ").append(cost.summarizerTokens())
                    .append(" tokens");
        }
        cost.sharedPrefix().ifPresent(share -> text.append("; ").append(Math.round(share * 100))
                .append("% of the prompt as the previous one on this file"));
        return text.toString();
    }

    /**
     * {@code tries: 2 of at most 3 ...}: how many tries the request took and that the decision is on the last; empty
     * for a request that needed no repair.
     */
    public static String tries(Decision d) {
        Decision.Tried t = d.tried();
        if (!t.repaired()) {
            return "";
        }
        return "tries: " + t.count() + " of at most " + t.max() + " (" + (t.count() - 1)
                + (t.count() == 2 ? " repair" : " repairs") + " after failed checks; the decision is on the last try)"
                + (t.stopped().isEmpty() ? "" : "; repairs stopped: " + t.stopped());
    }

    static native TemplateInstance decisionTable(List<Cells> rows, boolean countedByExitCode, String flaky,
            String tries);
}
