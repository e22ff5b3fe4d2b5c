package dev.selfcode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor;

class RollbackAssessmentTest {

    private final TrendPredictor trend = new TrendPredictor();

    /** roi around 50 rising slowly, errors around 4, with noise: the history of a healthy repository. */
    private static List<Metrics> history(int n, long seed) {
        Random noise = new Random(seed);
        List<Metrics> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new Metrics(50 + 0.2 * i + noise.nextGaussian() * 0.5, 4 + noise.nextGaussian() * 0.3, 1,
                    null));
        }
        return samples;
    }

    private static Metrics sample(double roi, double errors) {
        return new Metrics(roi, errors, 1, null);
    }

    @Test
    void twoDegradingSamplesInARowMakeARevertWithTheTable() {
        List<Metrics> before = history(12, 1);
        List<Metrics> after = List.of(sample(40, 9), sample(39, 10));

        RollbackAssessment.Verdict v = RollbackAssessment.assess(before, after, 0.5, trend);

        assertThat(v.revert()).isTrue();
        assertThat(v.checks()).hasSize(2).allMatch(RollbackAssessment.Check::bad);
        assertThat(v.summary()).contains("last 2 samples").contains("outside the 95% prediction interval");
        assertThat(v.table()).contains("| 1 | 40.000 |").contains("**worse** (roi, errors)");
    }

    @Test
    void oneBadSampleDoesNotAndNeitherDoesABadSampleFollowedByAGoodOne() {
        List<Metrics> before = history(12, 2);
        assertThat(RollbackAssessment.assess(before, List.of(sample(40, 9)), 0.5, trend).revert()).isFalse();
        RollbackAssessment.Verdict recovered = RollbackAssessment.assess(before,
                List.of(sample(40, 9), sample(40, 9), sample(52.6, 4.1)), 0.5, trend);
        assertThat(recovered.revert()).as(recovered.table()).isFalse();
        assertThat(recovered.summary()).contains("2 of 3 bad");
    }

    @Test
    void aDropBeyondTheThresholdButInsideTheIntervalIsNoise() {
        // A noisy history (sd 3): a drop of 2 is beyond the threshold 0.5 but well inside the interval.
        Random noise = new Random(3);
        List<Metrics> before = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            before.add(sample(50 + noise.nextGaussian() * 3, 4 + noise.nextGaussian() * 3));
        }
        double predicted = trend.forecast(before.stream().mapToDouble(Metrics::roi).toArray()).orElseThrow().value();

        RollbackAssessment.Verdict v = RollbackAssessment.assess(before,
                List.of(sample(predicted - 2, 4), sample(predicted - 2, 4)), 0.5, trend);

        assertThat(v.revert()).as(v.table()).isFalse();
        assertThat(v.checks()).noneMatch(RollbackAssessment.Check::bad);
    }

    @Test
    void fewerThanFiveSamplesBeforeTheMergeJudgeNothing() {
        RollbackAssessment.Verdict v = RollbackAssessment.assess(history(4, 4),
                List.of(sample(0, 100), sample(0, 100)), 0.5, trend);
        assertThat(v.revert()).isFalse();
        assertThat(v.summary()).contains("4 samples; at least 5");
    }

    @Test
    void aRisingTrendIsFollowedSoAFlatSampleAfterItIsNotJudgedAgainstTheOldLevel() {
        // roi climbs 2 per sample: staying at the last level is a fall against the trend, not against the past.
        List<Metrics> before = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            before.add(sample(10 + 2 * i + (i % 2 == 0 ? 0.1 : -0.1), 3));
        }
        RollbackAssessment.Verdict v = RollbackAssessment.assess(before, List.of(sample(28, 3), sample(28, 3)), 0.5,
                trend);
        assertThat(v.checks().get(1).roiForecast().orElseThrow().value()).isGreaterThan(31);
        assertThat(v.revert()).as(v.table()).isTrue();
    }
}
