package dev.selfcode.engine;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.metrics.TrendPredictor;
import dev.selfcode.metrics.TrendPredictor.Forecast;
import dev.selfcode.metrics.TrendPredictor.Prediction;
import dev.selfcode.text.Text;

/**
 * The predict stage: where roi and errors head, with a prediction interval, when the candidate is added to the
 * repository's recorded samples.
 */
@ApplicationScoped
class PredictTrend {

    @Inject
    PatchHistory history;
    @Inject
    TrendPredictor predictor;

    Prediction run(String repo, Metrics candidate) {
        List<Metrics> trend = history.trend(repo, TrendPredictor.WINDOW);
        return predictor.predict(trend, candidate);
    }

    /** E.g. {@code next roi 12.300 (95% 10.100 .. 14.500, Holt, 21 points), next errors ... from 20 sample(s)}. */
    static String summary(Prediction prediction) {
        return prediction.roi().isPresent() && prediction.errors().isPresent()
                ? String.format(Locale.ROOT, "next roi %s, next errors %s from %d sample(s)",
                        next(prediction.roi().get()), next(prediction.errors().get()), prediction.historyPoints())
                : "no prediction (" + prediction.historyPoints() + " recorded sample(s), 2 needed)";
    }

    private static String next(Forecast f) {
        return Text.fixed(f.value()) + " (" + DecisionTable.interval(f) + ")";
    }
}
