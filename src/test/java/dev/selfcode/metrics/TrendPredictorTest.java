package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.selfcode.metrics.TrendPredictor.Forecast;
import dev.selfcode.metrics.TrendPredictor.Method;

class TrendPredictorTest {

    static final long[] SEEDS = {1, 2, 3, 5, 8, 13, 21, 34};
    static final int LENGTH = 50;
    static final double SLOPE = 0.5;

    final TrendPredictor predictor = new TrendPredictor();

    static Metrics m(double roi, double errors) {
        return new Metrics(roi, errors, 1, Metrics.RoiSource.PASSED_TESTS);
    }

    /** 50 points of 3 + 0.5 t plus Gaussian noise of sd 1. */
    static double[] noisyLine(long seed) {
        Random random = new Random(seed);
        double[] y = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            y[t] = 3 + SLOPE * t + random.nextGaussian();
        }
        return y;
    }

    @Test
    void holtRecoversTheSlopeOfANoisyLineWithinTenPercent() {
        for (long seed : SEEDS) {
            Forecast f = predictor.forecast(noisyLine(seed)).orElseThrow();
            assertThat(f.method()).isEqualTo(Method.HOLT);
            assertThat(f.points()).isEqualTo(LENGTH);
            assertThat(f.slope()).as("slope, seed %d", seed).isCloseTo(SLOPE, within(0.1 * SLOPE));
            assertThat(f.value()).as("next value, seed %d", seed).isCloseTo(3 + SLOPE * LENGTH, within(1.5));
        }
    }

    @Test
    void theNinetyFivePercentIntervalCoversAtLeastNinetyPercentOfHeldOutPoints() {
        // Rolling one step ahead: fit on the first k points, check point k, for k = 10..49 and every seed.
        int covered = 0;
        int checked = 0;
        for (long seed : SEEDS) {
            double[] y = noisyLine(seed);
            for (int k = 10; k < LENGTH; k++) {
                Forecast f = predictor.forecast(Arrays.copyOf(y, k)).orElseThrow();
                assertThat(f.interval().level()).isEqualTo(0.95);
                covered += f.outside(y[k]) ? 0 : 1;
                checked++;
            }
        }
        assertThat(checked).isEqualTo(SEEDS.length * 40);
        assertThat((double) covered / checked).as("coverage of %d held-out points", checked).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void aForecastSeveralStepsAheadWidensAndStillCovers() {
        // What the rollback watch asks for its second sample after a merge: three steps ahead of the history.
        int covered = 0;
        int checked = 0;
        for (long seed : SEEDS) {
            double[] y = noisyLine(seed);
            for (int k = 10; k + 2 < LENGTH; k++) {
                double[] history = Arrays.copyOf(y, k);
                Forecast three = predictor.forecast(history, 3, 0.95).orElseThrow();
                Forecast one = predictor.forecast(history).orElseThrow();
                assertThat(three.steps()).isEqualTo(3);
                assertThat(three.value()).isCloseTo(one.value() + 2 * one.slope(), within(1e-9));
                assertThat(width(three)).isGreaterThanOrEqualTo(width(one) - 1e-12);
                covered += three.outside(y[k + 2]) ? 0 : 1;
                checked++;
            }
        }
        assertThat((double) covered / checked).as("coverage of %d points three steps ahead", checked)
                .isGreaterThanOrEqualTo(0.90);
        // A line: 1, 2, 3.5 has slope 1.25; three steps after x = 2 is x = 5: 0.917 + 1.25 * 5.
        Forecast line = predictor.forecast(new double[]{1, 2, 3.5}, 3, 0.95).orElseThrow();
        assertThat(line.value()).isCloseTo(0.9166667 + 1.25 * 5, within(1e-6));
        assertThat(width(line)).isGreaterThan(width(predictor.forecast(new double[]{1, 2, 3.5}).orElseThrow()));
    }

    static double width(Forecast f) {
        return f.interval().upper() - f.interval().lower();
    }

    @Test
    void theIntervalIsNarrowEnoughToFlagAStepAwayFromTheTrend() {
        // An interval that always covers proves nothing: a jump of 6 noise sds must lie outside it.
        for (long seed : SEEDS) {
            double[] y = noisyLine(seed);
            Forecast f = predictor.forecast(y).orElseThrow();
            assertThat(f.interval().upper() - f.interval().lower()).as("width, seed %d", seed).isBetween(2.0, 8.0);
            assertThat(f.outside(3 + SLOPE * LENGTH - 6)).isTrue();
            assertThat(f.outside(3 + SLOPE * LENGTH)).isFalse();
        }
    }

    @Test
    void threeToFourPointsGetALeastSquaresLineWithAnInterval() {
        Forecast f = predictor.forecast(new double[]{10, 12.5, 13.5}).orElseThrow();
        assertThat(f.method()).isEqualTo(Method.LEAST_SQUARES);
        // Slope 1.75, line 10.25 + 1.75 x, at x = 3: 15.5; residuals -0.25, 0.5, -0.25 (SSE 0.375, 1 df).
        assertThat(f.slope()).isCloseTo(1.75, within(1e-9));
        assertThat(f.value()).isCloseTo(15.5, within(1e-9));
        // s = sqrt(0.375 * (1 + 1/3 + 4/2)) = 1.118; t(0.975, 1 df) = 12.706.
        assertThat(f.interval().upper() - f.value()).isCloseTo(12.706 * Math.sqrt(0.375 * (1 + 1.0 / 3 + 2)),
                within(1e-2));
        assertThat(f.interval().lower()).isCloseTo(2 * f.value() - f.interval().upper(), within(1e-9));
        assertThat(predictor.forecast(new double[]{1, 2, 3, 4}).orElseThrow().method()).isEqualTo(Method.LEAST_SQUARES);
        assertThat(predictor.forecast(new double[]{1, 2, 3, 4, 5}).orElseThrow().method()).isEqualTo(Method.HOLT);
    }

    @Test
    void twoPointsGetALineWithAnUnboundedIntervalAndOnePointNothing() {
        assertThat(predictor.forecast(new double[]{4})).isEmpty();
        assertThat(predictor.forecast(new double[0])).isEmpty();
        Forecast f = predictor.forecast(new double[]{4, 6}).orElseThrow();
        assertThat(f.value()).isCloseTo(8, within(1e-9));
        assertThat(f.interval().bounded()).isFalse();
        assertThat(f.outside(-1e9)).isFalse();
    }

    @Test
    void aConstantSeriesGivesAnExactForecastAndAZeroWidthIntervalWithoutNaN() {
        for (double[] y : List.of(new double[]{7, 7, 7}, new double[]{7, 7, 7, 7, 7, 7, 7, 7})) {
            Forecast f = predictor.forecast(y).orElseThrow();
            assertThat(f.value()).isCloseTo(7, within(1e-9));
            assertThat(f.slope()).isCloseTo(0, within(1e-9));
            assertThat(f.interval().lower()).isNotNaN().isCloseTo(7, within(1e-9));
            assertThat(f.interval().upper()).isNotNaN().isCloseTo(7, within(1e-9));
            assertThat(f.outside(7)).isFalse();
            assertThat(f.outside(7.5)).isTrue();
        }
        // A perfect line: zero residuals as well.
        Forecast line = predictor.forecast(new double[]{1, 2, 3, 4, 5, 6}).orElseThrow();
        assertThat(line.value()).isCloseTo(7, within(1e-6));
        assertThat(line.interval().upper()).isNotNaN();
    }

    @Test
    void noPredictionUnderTwoRecordedPoints() {
        assertThat(predictor.predict(List.of(), m(1, 1)).roi()).isEmpty();
        TrendPredictor.Prediction p = predictor.predict(List.of(m(1, 1)), m(2, 1));
        assertThat(p.roi()).isEmpty();
        assertThat(p.errors()).isEmpty();
        assertThat(p.historyPoints()).isEqualTo(1);
    }

    @Test
    void theEnginePredictsEachSeriesOverItsHistoryPlusTheCandidate() {
        // roi 10, 12, candidate 14 -> next 16; errors 5, 4, candidate 3 -> next 2: least squares on three points.
        TrendPredictor.Prediction p = predictor.predict(List.of(m(10, 5), m(12, 4)), m(14, 3));
        assertThat(p.roi().orElseThrow().value()).isCloseTo(16, within(1e-9));
        assertThat(p.errors().orElseThrow().value()).isCloseTo(2, within(1e-9));
        assertThat(p.roi().orElseThrow().method()).isEqualTo(Method.LEAST_SQUARES);
        List<Metrics> longer = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            longer.add(m(10 + i, 3));
        }
        TrendPredictor.Prediction holt = predictor.predict(longer, m(16, 3));
        assertThat(holt.roi().orElseThrow().method()).isEqualTo(Method.HOLT);
        assertThat(holt.roi().orElseThrow().points()).isEqualTo(7);
        assertThat(holt.errors().orElseThrow().value()).isCloseTo(3, within(1e-9));
    }

    @Test
    void onlyTheNewestWindowIsUsed() {
        List<Metrics> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(m(i < 10 ? 1000 : 5, 0));
        }
        // The old outliers are outside the window: a flat series stays flat.
        Forecast f = predictor.predict(history, m(5, 0)).roi().orElseThrow();
        assertThat(f.value()).isCloseTo(5, within(1e-9));
        assertThat(f.points()).isEqualTo(TrendPredictor.WINDOW + 1);
    }
}
