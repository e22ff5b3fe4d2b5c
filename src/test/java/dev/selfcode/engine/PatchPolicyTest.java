package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.config.Threshold;
import dev.selfcode.metrics.Forecasts;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Prediction;

class PatchPolicyTest {

    static final double T = 0.5;
    static final Metrics BASE = new Metrics(10, 2, 1.0, Metrics.RoiSource.PASSED_TESTS);
    static final Prediction NONE = Prediction.none(0);

    static Metrics m(double roi, double errors, double complexity) {
        return new Metrics(roi, errors, complexity, Metrics.RoiSource.PASSED_TESTS);
    }

    static Prediction predicted(double roi, double errors) {
        return Forecasts.narrow(roi, errors, 3);
    }

    @Test
    void keepsWhenEveryMetricIsWithinTheThreshold() {
        Decision d = PatchPolicy.decide(BASE, m(10.2, 2.4, 1.3), predicted(10, 2.5), T);
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(d.reasons()).isEmpty();
        assertThat(d.rows()).extracting(Decision.Row::metric)
                .containsExactly("roi", "errors", "complexity", "predicted roi", "predicted errors");
    }

    @Test
    void roiDropBeyondThresholdReverts() {
        Decision d = PatchPolicy.decide(BASE, m(9.4, 2, 1), NONE, T);
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.REVERT);
        assertThat(fired(d)).containsExactly("roi");
    }

    @Test
    void errorsRiseBeyondThresholdReverts() {
        Decision d = PatchPolicy.decide(BASE, m(10, 3, 1), NONE, T);
        assertThat(fired(d)).containsExactly("errors");
        assertThat(d.reasons()).singleElement().asString().contains("errors").contains("+1.000");
    }

    @Test
    void complexityRiseBeyondThresholdReverts() {
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1.6), NONE, T);
        assertThat(fired(d)).containsExactly("complexity");
    }

    @Test
    void predictedRoiDropReverts() {
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1), predicted(9.0, 2), T);
        assertThat(fired(d)).containsExactly("predicted roi");
    }

    @Test
    void predictedErrorsRiseReverts() {
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1), predicted(10, 2.6), T);
        assertThat(fired(d)).containsExactly("predicted errors");
    }

    @Test
    void aPredictedWorseningInsideTheIntervalIsNotAReason() {
        // Predicted roi 9.0 (delta -1.0, beyond 0.5) with 95% interval 8.0 .. 10.0: the base 10 lies inside it.
        Prediction wide = new Prediction(Optional.of(Forecasts.of(9.0, 1.0)), Optional.of(Forecasts.of(3.0, 1.5)), 6);
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1), wide, T);
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(fired(d)).isEmpty();
        assertThat(d.rows()).filteredOn(Decision.Row::noise).extracting(Decision.Row::metric)
                .containsExactly("predicted roi", "predicted errors");
        // The boundary: a base exactly on the interval's edge is inside it.
        assertThat(PatchPolicy.decide(BASE, m(10, 2, 1), new Prediction(Optional.of(Forecasts.of(9.0, 1.0)),
                Optional.empty(), 6), T).verdict()).isEqualTo(Decision.Verdict.KEEP);
    }

    @Test
    void aPredictedWorseningOutsideTheIntervalIsAReason() {
        // The same predicted roi 9.0 with interval 8.1 .. 9.9: the base 10 lies outside it.
        Prediction narrow = new Prediction(Optional.of(Forecasts.of(9.0, 0.9)), Optional.empty(), 6);
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1), narrow, T);
        assertThat(fired(d)).containsExactly("predicted roi");
        assertThat(d.rows()).noneMatch(Decision.Row::noise);
    }

    @Test
    void aPredictionWithinTheThresholdIsNotNoiseEvenInsideTheInterval() {
        Prediction p = new Prediction(Optional.of(Forecasts.of(9.8, 1.0)), Optional.empty(), 6);
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1), p, T);
        assertThat(d.kept()).isTrue();
        assertThat(d.rows()).noneMatch(Decision.Row::noise);
    }

    @Test
    void automergeIgnoresAPredictedMoveInsideTheInterval() {
        Prediction wide = new Prediction(Optional.of(Forecasts.of(9.8, 1.0)), Optional.empty(), 6);
        Prediction narrow = new Prediction(Optional.of(Forecasts.of(9.8, 0.1)), Optional.empty(), 6);
        assertThat(PatchPolicy.automerge(PatchPolicy.decide(BASE, BASE, wide, T), Threshold.of(0.1))).isTrue();
        assertThat(PatchPolicy.automerge(PatchPolicy.decide(BASE, BASE, narrow, T), Threshold.of(0.1))).isFalse();
    }

    @Test
    void deltaEqualToThresholdDoesNotFire() {
        Decision d = PatchPolicy.decide(BASE, m(9.5, 2.5, 1.5), NONE, T);
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
    }

    @Test
    void withoutPredictionThePredictedRowsAreAbsent() {
        Decision d = PatchPolicy.decide(BASE, m(10, 2, 1), NONE, T);
        assertThat(d.rows()).extracting(Decision.Row::metric).containsExactly("roi", "errors", "complexity");
    }

    @Test
    void zeroThresholdRevertsOnAnyWorsening() {
        assertThat(PatchPolicy.decide(BASE, m(9.99, 2, 1), NONE, 0).verdict()).isEqualTo(Decision.Verdict.REVERT);
        assertThat(PatchPolicy.decide(BASE, m(10, 2, 1), NONE, 0).verdict()).isEqualTo(Decision.Verdict.KEEP);
    }

    @Test
    void negativeThresholdIsRefused() {
        assertThatThrownBy(() -> PatchPolicy.decide(BASE, BASE, NONE, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void automergeNeedsEveryDeltaWithinTheStricterThreshold() {
        Decision kept = new Decision(Decision.Verdict.KEEP, java.util.List.of(
                new Decision.Row("roi", 1, 0.9, -0.1, Decision.Direction.HIGHER_IS_BETTER, 0.5, false),
                new Decision.Row("errors", 0, 0, 0, Decision.Direction.LOWER_IS_BETTER, 0.5, false),
                new Decision.Row("complexity", 1, 1.3, 0.3, Decision.Direction.LOWER_IS_BETTER, 0.5, false)),
                java.util.List.of());
        assertThat(PatchPolicy.automerge(kept, Threshold.of(0.3))).isTrue();
        assertThat(PatchPolicy.automerge(kept, Threshold.of(0.2))).isFalse();
        assertThat(PatchPolicy.automerge(kept, Threshold.of(0.05))).isFalse();
        assertThat(PatchPolicy.automerge(Decision.rejected("no numbers"), Threshold.of(10))).isFalse();
    }

    @Test
    void aRowShowsItsClauseFromItsDirection() {
        Decision d = PatchPolicy.decide(BASE, m(9, 2, 1), NONE, 0.25);
        assertThat(d.rows()).extracting(Decision.Row::rule)
                .containsExactly("delta < -0.25", "delta > 0.25", "delta > 0.25");
    }

    private static java.util.List<String> fired(Decision d) {
        return d.rows().stream().filter(Decision.Row::fired).map(Decision.Row::metric).toList();
    }
}
