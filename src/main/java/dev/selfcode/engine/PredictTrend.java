package dev.selfcode.engine;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.metrics.TrendPredictor;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/** The predict stage: where roi and errors head with the candidate added to the repository's recorded samples. */
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

    static String summary(Prediction prediction) {
        return prediction.roi().isPresent()
                ? String.format(Locale.ROOT, "next roi %.3f, next errors %.3f from %d sample(s)",
                        prediction.roi().getAsDouble(), prediction.errors().getAsDouble(), prediction.historyPoints())
                : "no prediction (" + prediction.historyPoints() + " recorded sample(s), 2 needed)";
    }
}
