package dev.selfcode.metrics;

import java.util.Optional;

import dev.selfcode.metrics.TrendPredictor.Forecast;
import dev.selfcode.metrics.TrendPredictor.Interval;
import dev.selfcode.metrics.TrendPredictor.Method;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/** Hand-made forecasts for tests of what the engine does with a prediction. */
public final class Forecasts {

    private Forecasts() {
    }

    /** A Holt forecast of {@code value} with a 95% interval of {@code value ± halfWidth} over 21 points. */
    public static Forecast of(double value, double halfWidth) {
        return new Forecast(value, new Interval(value - halfWidth, value + halfWidth, 0.95), 0, Method.HOLT, 21, 1);
    }

    /** A prediction of roi and errors with narrow (±0.1) intervals, from {@code samples} recorded samples. */
    public static Prediction narrow(double roi, double errors, int samples) {
        return new Prediction(Optional.of(of(roi, 0.1)), Optional.of(of(errors, 0.1)), samples);
    }
}
