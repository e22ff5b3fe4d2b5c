package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.Forecasts;
import dev.selfcode.metrics.MetricSample;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor;
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
    void fiveRecordedSamplesAndTheCandidateGetHoltWithAnInterval() {
        String repo = "trend/holt-" + System.nanoTime();
        double[] roi = {10, 10.6, 10.9, 11.4, 12.1};
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < roi.length; i++) {
                MetricSample s = new MetricSample();
                s.repo = repo;
                s.sha = String.format("%040d", i);
                s.roi = roi[i];
                s.errors = 2;
                s.complexity = 1;
                s.sampledAt = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * i);
                s.persist();
            }
        });
        Prediction p = predict.run(repo, new Metrics(12.4, 2, 1, Metrics.RoiSource.PASSED_TESTS));
        TrendPredictor.Forecast f = p.roi().orElseThrow();
        assertThat(f.method()).isEqualTo(TrendPredictor.Method.HOLT);
        assertThat(f.points()).isEqualTo(6);
        assertThat(f.slope()).isPositive();
        assertThat(f.interval().lower()).isLessThan(f.value());
        assertThat(f.interval().upper()).isGreaterThan(f.value());
        assertThat(PredictTrend.summary(p)).startsWith("next roi ").contains("(95% ", ", Holt, 6 points)")
                .endsWith("from 5 sample(s)");
    }

    @Test
    void anIntervalShowsItsLevelAsAPercentage() {
        double[] levels = {0.9, 0.95, 0.99, 0.995};
        String[] shown = {"90% ", "95% ", "99% ", "99.5% "};
        for (int i = 0; i < levels.length; i++) {
            TrendPredictor.Forecast f = new TrendPredictor().forecast(new double[]{1, 2.5, 2.5, 4, 5.5}, levels[i])
                    .orElseThrow();
            assertThat(DecisionTable.interval(f)).startsWith(shown[i])
                    .matches("\\d+(\\.\\d)?% -?\\d+\\.\\d{3} \\.\\. -?\\d+\\.\\d{3}, Holt, 5 points");
        }
    }

    @Test
    void theSummaryNamesTheNextValuesWithTheirIntervals() {
        Prediction p = new Prediction(Optional.of(Forecasts.of(12, 2)), Optional.of(Forecasts.of(1.5, 0.25)), 4);
        assertThat(PredictTrend.summary(p)).isEqualTo("next roi 12.000 (95% 10.000 .. 14.000, Holt, 21 points), "
                + "next errors 1.500 (95% 1.250 .. 1.750, Holt, 21 points) from 4 sample(s)");
    }
}
