package dev.selfcode.sweep;

import static dev.selfcode.text.Text.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor;
import dev.selfcode.metrics.TrendPredictor.Forecast;

/**
 * Whether a merged patch later proved bad: each default-branch sample after the merge is compared with the trend
 * forecast from the samples before it ({@code k} steps ahead for the k-th sample after). A sample is bad when roi
 * fell, or errors rose, by more than the threshold below (above) the forecast AND outside its prediction interval;
 * two consecutive bad samples, the newest among them, make the verdict "revert". One bad sample inside noise, or a
 * single bad sample, does not.
 */
public final class RollbackAssessment {

    /** Samples needed before the merge: fewer give no trend worth reverting anyone's work over. */
    public static final int MIN_BEFORE = 5;
    /** Consecutive bad samples that make a revert. */
    public static final int BAD_IN_A_ROW = 2;

    /** One sample after the merge against its forecast. */
    public record Check(int step, double roi, Optional<Forecast> roiForecast, double errors,
            Optional<Forecast> errorsForecast, boolean roiBad, boolean errorsBad) {

        public boolean bad() {
            return roiBad || errorsBad;
        }

        /** One table line: the observed values beside the forecasts and their intervals. */
        public String line() {
            return String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |", step, fixed(roi),
                    roiForecast.map(RollbackAssessment::shown).orElse("-"), fixed(errors),
                    errorsForecast.map(RollbackAssessment::shown).orElse("-"),
                    bad()
                            ? "**worse** (" + (roiBad ? "roi" : "") + (roiBad && errorsBad ? ", " : "")
                                    + (errorsBad ? "errors" : "") + ")"
                            : "ok");
        }
    }

    /**
     * The verdict.
     *
     * @param revert  true when the newest {@value #BAD_IN_A_ROW} samples are both bad
     * @param checks  every sample after the merge, oldest first
     * @param summary one sentence saying why (or why not)
     */
    public record Verdict(boolean revert, List<Check> checks, String summary) {

        /** A Markdown table of the samples after the merge against the trend before it. */
        public String table() {
            StringBuilder t = new StringBuilder(
                    "| sample after merge | roi | predicted roi (95% interval) | errors | predicted errors (95% interval) | |\n"
                            + "|---|---|---|---|---|---|\n");
            checks.forEach(c -> t.append(c.line()).append('\n'));
            return t.toString();
        }
    }

    private RollbackAssessment() {
    }

    /**
     * @param before    default-branch samples up to the merge, oldest first (the newest {@link TrendPredictor#WINDOW}
     *                  are used)
     * @param after     default-branch samples after the merge, oldest first
     * @param threshold the decision threshold of the repository
     */
    public static Verdict assess(List<Metrics> before, List<Metrics> after, double threshold, TrendPredictor trend) {
        if (before.size() < MIN_BEFORE) {
            return new Verdict(false, List.of(), "the trend before the merge has " + before.size() + " sample"
                    + (before.size() == 1 ? "" : "s") + "; at least " + MIN_BEFORE + " are needed to judge");
        }
        List<Metrics> window = before.size() > TrendPredictor.WINDOW
                ? before.subList(before.size() - TrendPredictor.WINDOW, before.size())
                : before;
        double[] roi = window.stream().mapToDouble(Metrics::roi).toArray();
        double[] errors = window.stream().mapToDouble(Metrics::errors).toArray();
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            Metrics m = after.get(i);
            Optional<Forecast> r = trend.forecast(roi, i + 1, TrendPredictor.LEVEL);
            Optional<Forecast> e = trend.forecast(errors, i + 1, TrendPredictor.LEVEL);
            boolean roiBad = r.isPresent() && m.roi() < r.get().value() - threshold && r.get().outside(m.roi());
            boolean errorsBad = e.isPresent() && m.errors() > e.get().value() + threshold
                    && e.get().outside(m.errors());
            checks.add(new Check(i + 1, m.roi(), r, m.errors(), e, roiBad, errorsBad));
        }
        int streak = 0;
        for (int i = checks.size() - 1; i >= 0 && checks.get(i).bad(); i--) {
            streak++;
        }
        if (streak >= BAD_IN_A_ROW) {
            return new Verdict(true, checks, "the last " + streak + " samples of the default branch after the merge"
                    + " are worse than the trend before it, beyond the threshold " + fixed(threshold)
                    + " and outside the 95% prediction interval");
        }
        long bad = checks.stream().filter(Check::bad).count();
        return new Verdict(false, checks, checks.isEmpty()
                ? "no sample after the merge yet"
                : bad == 0
                        ? "every sample after the merge is within the trend before it"
                        : "the newest samples are not " + BAD_IN_A_ROW + " bad ones in a row (" + bad + " of "
                                + checks.size() + " bad)");
    }

    private static String shown(Forecast f) {
        return fixed(f.value()) + " (" + (f.interval().bounded()
                ? fixed(f.interval().lower()) + " .. " + fixed(f.interval().upper())
                : "unbounded") + ")";
    }
}
