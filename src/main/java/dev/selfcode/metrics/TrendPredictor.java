package dev.selfcode.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Predicts the next value of a metric series with a prediction interval: Holt's linear trend from
 * {@value #MIN_HOLT} points, a least-squares line from {@value #MIN_POINTS}, nothing below. The engine predicts
 * roi and errors over the repository's recorded samples plus the candidate; the rollback watch asks whether a new
 * sample lies outside the interval predicted from the samples before a merge.
 */
@ApplicationScoped
public class TrendPredictor {

    /** Recorded samples the engine needs before it predicts. */
    static final int MIN_HISTORY = 2;
    /** Points a series needs for any forecast (a line). */
    public static final int MIN_POINTS = 2;
    /** Points a series needs for Holt's linear trend; fewer get a least-squares line. */
    public static final int MIN_HOLT = 5;
    /** The coverage of the intervals the engine uses. */
    public static final double LEVEL = 0.95;
    public static final int WINDOW = 20;

    /** How a forecast was made. */
    public enum Method {

        HOLT("Holt"), LEAST_SQUARES("least squares");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** As the decision table names it. */
        public String label() {
            return label;
        }
    }

    /**
     * A prediction interval: where the next observation should fall with probability {@code level}, if the
     * model's assumptions hold. Unbounded when the fit left no residual to measure the noise by (two points).
     */
    public record Interval(double lower, double upper, double level) {

        public boolean contains(double observed) {
            return observed >= lower && observed <= upper;
        }

        public boolean bounded() {
            return Double.isFinite(lower) && Double.isFinite(upper);
        }
    }

    /**
     * A future value of one series.
     *
     * @param value    the predicted value {@code steps} after the last point
     * @param interval the prediction interval around it
     * @param slope    the fitted change per step (Holt's final trend, or the line's slope)
     * @param method   how it was fitted
     * @param points   how many points it was fitted on
     * @param steps    how far ahead of the last point (1: the next value)
     */
    public record Forecast(double value, Interval interval, double slope, Method method, int points, int steps) {

        /** Whether an observed value lies outside the interval: more than the series' noise explains. */
        public boolean outside(double observed) {
            return !interval.contains(observed);
        }
    }

    /** Forecasts for roi and errors; empty when there is too little history. */
    public record Prediction(Optional<Forecast> roi, Optional<Forecast> errors, int historyPoints) {

        public static Prediction none(int points) {
            return new Prediction(Optional.empty(), Optional.empty(), points);
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
        return new Prediction(forecast(points.stream().mapToDouble(Metrics::roi).toArray()),
                forecast(points.stream().mapToDouble(Metrics::errors).toArray()), recent.size());
    }

    /** The next value of a series (oldest first) with a {@value #LEVEL} interval; empty under two points. */
    public Optional<Forecast> forecast(double[] series) {
        return forecast(series, LEVEL);
    }

    /** The next value of a series (oldest first) with an interval of the given coverage; empty under two points. */
    public Optional<Forecast> forecast(double[] series, double level) {
        return forecast(series, 1, level);
    }

    /**
     * The value {@code steps} after the last point of a series (oldest first), e.g. the second sample after a merge
     * compared with the samples before it; empty under two points.
     */
    public Optional<Forecast> forecast(double[] series, int steps, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must lie between 0 and 1: " + level);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1: " + steps);
        }
        if (series.length < MIN_POINTS) {
            return Optional.empty();
        }
        return Optional.of(series.length >= MIN_HOLT ? holt(series, steps, level) : line(series, steps, level));
    }

    /*
     * Both intervals assume the one-step errors are independent, normal and of constant spread, estimated from the
     * fit's residuals; the Student-t quantile with the residuals' degrees of freedom widens them for short series.
     * They treat the fitted parameters as known, so they are somewhat too narrow when the series is short or its
     * trend bends.
     */

    /**
     * Holt: level + h * trend from the final state; interval from the one-step-ahead residuals (n - 4 df), widened
     * for h steps as each step's error carries on through the level and the trend:
     * var(h) = s^2 (1 + sum over j = 1..h-1 of (alpha (1 + j beta))^2).
     */
    private static Forecast holt(double[] y, int h, double level) {
        HoltLinearTrend.Fit fit = HoltLinearTrend.fit(y);
        int df = y.length - HoltLinearTrend.PARAMETERS;
        double factor = 1;
        for (int j = 1; j < h; j++) {
            double c = fit.alpha() * (1 + j * fit.beta());
            factor += c * c;
        }
        double s = Math.sqrt(fit.sse() / df * factor);
        double value = fit.level() + h * fit.trend();
        return new Forecast(value, around(value, s, df, level), fit.trend(), Method.HOLT, y.length, h);
    }

    /** Least squares over x = 0..n-1 at x = n-1+h; interval for a new observation from the residuals (n - 2 df). */
    private static Forecast line(double[] y, int h, double level) {
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < y.length; i++) {
            reg.addData(i, y[i]);
        }
        int n = y.length;
        double x = n - 1 + h;
        double value = reg.predict(x);
        int df = n - 2;
        if (df < 1) {
            // A line through two points has no residual: nothing is known about the noise.
            return new Forecast(value, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, level),
                    reg.getSlope(), Method.LEAST_SQUARES, n, h);
        }
        double meanX = (n - 1) / 2.0;
        double s = Math.sqrt(reg.getMeanSquareError() * (1 + 1.0 / n + (x - meanX) * (x - meanX) / reg.getXSumSquares()));
        return new Forecast(value, around(value, s, df, level), reg.getSlope(), Method.LEAST_SQUARES, n, h);
    }

    /** value ± t(df) * s; a zero spread (a perfectly fitted series) gives a zero-width interval, never NaN. */
    private static Interval around(double value, double s, int df, double level) {
        // No random generator: the distribution is only asked for a quantile.
        double q = new TDistribution(null, df).inverseCumulativeProbability(0.5 + level / 2);
        double half = s > 0 ? q * s : 0;
        return new Interval(value - half, value + half, level);
    }
}
