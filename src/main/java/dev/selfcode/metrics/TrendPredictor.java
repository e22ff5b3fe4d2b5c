package dev.selfcode.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Predicts where roi and errors are heading: a least-squares line over the repository's recorded samples
 * plus the candidate point, evaluated one step ahead. No prediction from fewer than two recorded samples.
 */
@ApplicationScoped
public class TrendPredictor {

    static final int MIN_HISTORY = 2;
    public static final int WINDOW = 20;

    /** A prediction for the next step; empty values when there is too little history. */
    public record Prediction(OptionalDouble roi, OptionalDouble errors, int historyPoints) {

        public static Prediction none(int points) {
            return new Prediction(OptionalDouble.empty(), OptionalDouble.empty(), points);
        }
    }

    /** @param history recorded metrics, oldest first (only the newest {@value #WINDOW} are used) */
    public Prediction predict(List<Metrics> history, Metrics candidate) {
        List<Metrics> recent = history.size() > WINDOW
                ? history.subList(history.size() - WINDOW, history.size())
                : history;
        if (recent.size() < MIN_HISTORY) {
            return Prediction.none(recent.size());
        }
        List<Metrics> points = new ArrayList<>(recent);
        points.add(candidate);
        double[] roi = points.stream().mapToDouble(Metrics::roi).toArray();
        double[] errors = points.stream().mapToDouble(Metrics::errors).toArray();
        return new Prediction(OptionalDouble.of(nextValue(roi)), OptionalDouble.of(nextValue(errors)), recent.size());
    }

    /** Least-squares fit of y over x = 0..n-1, evaluated at x = n. */
    static double nextValue(double[] y) {
        int n = y.length;
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (y[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return meanY + slope * (n - meanX);
    }
}
