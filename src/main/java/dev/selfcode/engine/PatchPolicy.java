package dev.selfcode.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/**
 * The decision rule: revert when roi drops, errors or complexity rise, or the predicted roi or errors move
 * the wrong way, by more than the threshold {@code t}; otherwise keep.
 */
public final class PatchPolicy {

    private PatchPolicy() {
    }

    public static Decision decide(Metrics base, Metrics candidate, Prediction prediction, double t) {
        if (t < 0 || Double.isNaN(t)) {
            throw new IllegalArgumentException("threshold must be >= 0: " + t);
        }
        List<Decision.Row> rows = new ArrayList<>();
        rows.add(lower("roi", base.roi(), candidate.roi(), t));
        rows.add(higher("errors", base.errors(), candidate.errors(), t));
        rows.add(higher("complexity", base.complexity(), candidate.complexity(), t));
        prediction.roi().ifPresent(p -> rows.add(lower("predicted roi", base.roi(), p, t)));
        prediction.errors().ifPresent(p -> rows.add(higher("predicted errors", base.errors(), p, t)));
        List<String> reasons = rows.stream().filter(Decision.Row::fired)
                .map(r -> String.format(Locale.ROOT, "%s changed by %+.3f (%s)", r.metric(), r.delta(), r.rule()))
                .toList();
        return new Decision(reasons.isEmpty() ? Decision.Verdict.KEEP : Decision.Verdict.REVERT, rows, reasons);
    }

    /** A metric where lower is worse: fires when {@code delta < -t}. */
    private static Decision.Row lower(String name, double base, double value, double t) {
        double delta = value - base;
        return new Decision.Row(name, base, value, delta, "delta < -" + fmt(t), delta < -t);
    }

    /** A metric where higher is worse: fires when {@code delta > t}. */
    private static Decision.Row higher(String name, double base, double value, double t) {
        double delta = value - base;
        return new Decision.Row(name, base, value, delta, "delta > " + fmt(t), delta > t);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)
                .replaceAll("0+$", "");
    }
}
