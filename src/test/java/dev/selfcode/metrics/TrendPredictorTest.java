package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrendPredictorTest {

    final TrendPredictor predictor = new TrendPredictor();

    static Metrics m(double roi, double errors) {
        return new Metrics(roi, errors, 1, Metrics.RoiSource.PASSED_TESTS);
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
    void linearSeriesIsExtrapolatedOneStep() {
        // roi 10, 12, candidate 14 -> next 16; errors 5, 4, candidate 3 -> next 2.
        TrendPredictor.Prediction p = predictor.predict(List.of(m(10, 5), m(12, 4)), m(14, 3));
        assertThat(p.roi().getAsDouble()).isCloseTo(16, within(1e-9));
        assertThat(p.errors().getAsDouble()).isCloseTo(2, within(1e-9));
    }

    @Test
    void flatHistoryWithADroppingCandidatePredictsAFurtherDrop() {
        TrendPredictor.Prediction p = predictor.predict(List.of(m(10, 0), m(10, 0), m(10, 0)), m(6, 0));
        assertThat(p.roi().getAsDouble()).isLessThan(10);
    }

    @Test
    void onlyTheNewestWindowIsUsed() {
        List<Metrics> history = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(m(i < 10 ? 1000 : 5, 0));
        }
        // The old outliers are outside the window: a flat series stays flat.
        assertThat(predictor.predict(history, m(5, 0)).roi().getAsDouble()).isCloseTo(5, within(1e-9));
    }
}
