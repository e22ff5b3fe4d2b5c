package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor;

/**
 * The decision with the real predictor: a predicted worsening the series' own noise explains is not a reason to
 * throw a patch away; one beyond the interval is. (A bare least-squares line without an interval reverts both.)
 */
class TrendDecisionTest {

    static final double T = 0.5;

    final TrendPredictor predictor = new TrendPredictor();

    static List<Metrics> roi(double... values) {
        return Arrays.stream(values).mapToObj(v -> new Metrics(v, 2, 1, Metrics.RoiSource.PASSED_TESTS)).toList();
    }

    static Metrics candidate(double roi) {
        return new Metrics(roi, 2, 1, Metrics.RoiSource.PASSED_TESTS);
    }

    @Test
    void aPredictedDropInsideTheIntervalIsNoiseNotAReason() {
        // roi wobbles by about ±0.6 around a slow decline; base 10.0, the candidate 9.6 (within the threshold).
        List<Metrics> history = roi(11.2, 11.6, 10.4, 10.9, 9.9, 10.6, 9.7, 10.0);
        Decision d = PatchPolicy.decide(history.get(history.size() - 1), candidate(9.6),
                predictor.predict(history, candidate(9.6)), T);
        Decision.Row predicted = d.rows().stream().filter(r -> r.metric().equals("predicted roi")).findFirst()
                .orElseThrow();
        // The predicted drop (about -0.64) is beyond the threshold...
        assertThat(predicted.delta()).isLessThan(-T);
        // ...but the base value lies inside the prediction interval, so it does not fire.
        assertThat(predicted.fired()).isFalse();
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(d.reasons()).isEmpty();
    }

    @Test
    void aPredictedDropOutsideTheIntervalIsAReason() {
        // A steady decline of 0.6 per sample with little noise: base 11.0, the candidate 10.6 (within the threshold).
        List<Metrics> history = roi(14.02, 13.41, 12.79, 12.2, 11.61, 11.0);
        Decision d = PatchPolicy.decide(history.get(history.size() - 1), candidate(10.6),
                predictor.predict(history, candidate(10.6)), T);
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.REVERT);
        assertThat(d.reasons()).singleElement().asString().startsWith("predicted roi changed by -1.0");
    }
}
