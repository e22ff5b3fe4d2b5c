package dev.selfcode.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.selfcode.config.Threshold;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Forecast;
import dev.selfcode.metrics.TrendPredictor.Prediction;
import dev.selfcode.text.Text;

/**
 * The decision rule: revert when roi drops, errors or complexity rise, or the predicted roi or errors move
 * the wrong way, by more than the threshold {@code t} (a prediction also by more than its interval allows);
 * otherwise keep. Also whether a kept change may be merged.
 */
public final class PatchPolicy {

    private PatchPolicy() {
    }

    public static Decision decide(Metrics base, Metrics candidate, Prediction prediction, double t) {
        return decide(base, candidate, prediction, Threshold.of(t));
    }

    public static Decision decide(Metrics base, Metrics candidate, Prediction prediction, Threshold threshold) {
        double t = threshold.value();
        List<Decision.Row> rows = new ArrayList<>();
        rows.add(row("roi", Decision.Direction.HIGHER_IS_BETTER, base.roi(), candidate.roi(), t));
        rows.add(row("errors", Decision.Direction.LOWER_IS_BETTER, base.errors(), candidate.errors(), t));
        rows.add(row("complexity", Decision.Direction.LOWER_IS_BETTER, base.complexity(), candidate.complexity(), t));
        prediction.roi().ifPresent(f -> rows.add(predicted("predicted roi", Decision.Direction.HIGHER_IS_BETTER,
                base.roi(), f, t)));
        prediction.errors().ifPresent(f -> rows.add(predicted("predicted errors", Decision.Direction.LOWER_IS_BETTER,
                base.errors(), f, t)));
        List<String> reasons = rows.stream().filter(Decision.Row::fired)
                .map(r -> String.format(Locale.ROOT, "%s changed by %+.3f (%s)", r.metric(), r.delta(), r.rule()))
                .toList();
        return new Decision(reasons.isEmpty() ? Decision.Verdict.KEEP : Decision.Verdict.REVERT, rows, reasons);
    }

    /** Whether a decision with numbers would also hold under the stricter automerge threshold: no row moves beyond it. */
    public static boolean automerge(Decision decision, Threshold strict) {
        return !decision.rows().isEmpty()
                && decision.rows().stream().noneMatch(r -> r.worseThan(strict.value()));
    }

    private static Decision.Row row(String name, Decision.Direction direction, double base, double value, double t) {
        double delta = value - base;
        return new Decision.Row(name, base, value, delta, direction, t, direction.beyond(delta, t));
    }

    /** A predicted row fires only beyond the threshold and outside the interval: a move inside it is noise. */
    private static Decision.Row predicted(String name, Decision.Direction direction, double base, Forecast f, double t) {
        double delta = f.value() - base;
        return new Decision.Row(name, base, f.value(), delta, direction, t, direction.beyond(delta, t) && f.outside(base),
                f);
    }

    /** A threshold as a rule shows it: {@code 1}, {@code 0.5}, {@code 0.125}. */
    static String fmt(double v) {
        return Text.compact(v);
    }

    static String summary(Decision decision) {
        return decision.kept() ? "KEEP" : "REVERT: " + String.join("; ", decision.reasons());
    }
}
