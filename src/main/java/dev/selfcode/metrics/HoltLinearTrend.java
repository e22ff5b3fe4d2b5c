package dev.selfcode.metrics;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Holt's linear trend (double exponential smoothing: a level and a trend) fitted to a series by minimising the sum
 * of squared one-step-ahead errors over the smoothing weights alpha and beta and the initial level and trend, as
 * exponential-smoothing state-space fits do. The initial states are fitted rather than read off the first points
 * because a trend taken from two noisy points would steer every later forecast.
 */
final class HoltLinearTrend {

    /** The parameters this fit estimates: alpha, beta, initial level, initial trend. */
    static final int PARAMETERS = 4;
    private static final int MAX_EVALUATIONS = 20_000;
    /** Starting (alpha, beta) pairs for the optimiser. */
    private static final double[][] STARTS = {{0.02, 0.02}, {0.3, 0.1}, {0.8, 0.5}};

    /**
     * A fitted model.
     *
     * @param alpha level weight, 0..1
     * @param beta  trend weight, 0..1
     * @param level the level after the last point
     * @param trend the trend (slope per step) after the last point
     * @param sse   sum of squared one-step-ahead errors over the series
     */
    record Fit(double alpha, double beta, double level, double trend, double sse) {
    }

    private HoltLinearTrend() {
    }

    static Fit fit(double[] y) {
        SummaryStatistics stats = new SummaryStatistics();
        for (double v : y) {
            stats.addValue(v);
        }
        double mean = stats.getMean();
        double sd = stats.getStandardDeviation();
        if (!(sd > 0)) {
            // A constant series: every forecast is exact, and the optimiser would have nothing to scale by.
            return new Fit(0, 0, y[y.length - 1], 0, 0);
        }
        // Fitted in standard units so the simplex steps and tolerances mean the same for roi 0.5 and roi 5000.
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = (y[i] - mean) / sd;
        }
        SimpleRegression line = new SimpleRegression();
        for (int i = 0; i < z.length; i++) {
            line.addData(i, z[i]);
        }
        double slope = line.getSlope();
        // The initial state is the one before the first point: its forecast for point 0 is the line's intercept.
        // Nelder-Mead finds a local minimum: start from a nearly fixed line and from adaptive fits, keep the best.
        double[] best = null;
        for (double[] weights : STARTS) {
            double[] found = minimise(z, new double[]{logit(weights[0]), logit(weights[1]),
                    line.getIntercept() - slope, slope});
            if (best == null || sse(z, found) < sse(z, best)) {
                best = found;
            }
        }
        Fit unit = run(z, sigmoid(best[0]), sigmoid(best[1]), best[2], best[3]);
        return new Fit(unit.alpha(), unit.beta(), unit.level() * sd + mean, unit.trend() * sd, unit.sse() * sd * sd);
    }

    /** Nelder-Mead over (logit alpha, logit beta, level0, trend0): the logits keep the weights inside 0..1. */
    private static double[] minimise(double[] z, double[] start) {
        // Remembers the best point seen, so running out of evaluations still yields the best fit found.
        double[] best = start.clone();
        double[] bestSse = {sse(z, start)};
        ObjectiveFunction objective = new ObjectiveFunction(p -> {
            double s = sse(z, p);
            if (s < bestSse[0]) {
                bestSse[0] = s;
                System.arraycopy(p, 0, best, 0, p.length);
            }
            return s;
        });
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-10, 1e-12));
        try {
            optimizer.optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MINIMIZE, new InitialGuess(start),
                    new NelderMeadSimplex(new double[]{1, 1, 0.5, 0.1}));
        } catch (TooManyEvaluationsException e) {
            // keep the best point seen
        }
        return best;
    }

    private static double sse(double[] z, double[] p) {
        return run(z, sigmoid(p[0]), sigmoid(p[1]), p[2], p[3]).sse();
    }

    /** The Holt recursion from the initial state, adding up the squared one-step-ahead errors. */
    static Fit run(double[] y, double alpha, double beta, double level0, double trend0) {
        double level = level0;
        double trend = trend0;
        double sse = 0;
        for (double v : y) {
            double error = v - (level + trend);
            sse += error * error;
            double next = alpha * v + (1 - alpha) * (level + trend);
            trend = beta * (next - level) + (1 - beta) * trend;
            level = next;
        }
        return new Fit(alpha, beta, level, trend, sse);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
