package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/** The predict stage reads the repository's samples from MariaDB. */
@QuarkusTest
class PredictTrendTest {

    @Inject
    PredictTrend predict;

    @Test
    void aRepositoryWithoutSamplesGetsNoPrediction() {
        Prediction p = predict.run("nobody/never-" + System.nanoTime(), new Metrics(1, 0, 1, Metrics.RoiSource.PASSED_TESTS));
        assertThat(p.roi()).isEmpty();
        assertThat(PredictTrend.summary(p)).isEqualTo("no prediction (0 recorded sample(s), 2 needed)");
    }

    @Test
    void theSummaryNamesTheNextValues() {
        assertThat(PredictTrend.summary(new Prediction(OptionalDouble.of(12), OptionalDouble.of(1.5), 4)))
                .isEqualTo("next roi 12.000, next errors 1.500 from 4 sample(s)");
    }
}
