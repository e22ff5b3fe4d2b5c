package dev.selfcode.engine;

import java.util.List;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.metrics.TrendPredictor;

/**
 * A keep/revert verdict with every row behind it, so a PR body, a comment or the CLI can show the table.
 *
 * @param verdict what to do
 * @param rows    one row per compared metric, in rule order
 * @param reasons  one line per fired clause (or the outright rejection), empty when kept
 * @param counting how the tests behind the numbers were counted: by exit code, "passed" and "failed" are one run each
 * @param flakyIgnored the flaky tests (by the base runs' history) left out of the numbers on both sides, sorted
 * @param tried    how many tries the request took (the decision is on the last), and why repairs stopped early
 */
public record Decision(Verdict verdict, List<Row> rows, List<String> reasons, RepoConfig.Counting counting,
        List<String> flakyIgnored, Tried tried) {

    public Decision {
        counting = counting == null ? RepoConfig.Counting.REPORTS : counting;
        flakyIgnored = flakyIgnored == null ? List.of() : List.copyOf(flakyIgnored);
        tried = tried == null ? Tried.ONCE : tried;
    }

    public Decision(Verdict verdict, List<Row> rows, List<String> reasons, RepoConfig.Counting counting,
            List<String> flakyIgnored) {
        this(verdict, rows, reasons, counting, flakyIgnored, Tried.ONCE);
    }

    /**
     * How many tries a request took: the first candidate, then each repair after a try failed its build, tests or
     * lint.
     *
     * @param count   tries made; the decision is on the last one, never the best of them
     * @param max     the most the request could make (1 + repair_attempts; 1 for a generator that cannot repair)
     * @param stopped why repairs ended before a try passed or the attempts ran out (a spent token budget), else empty
     */
    public record Tried(int count, int max, String stopped) {

        public static final Tried ONCE = new Tried(1, 1, "");

        public Tried {
            stopped = stopped == null ? "" : stopped;
        }

        /** True when the request was repaired at least once, or its repairs were stopped. */
        public boolean repaired() {
            return count > 1 || !stopped.isEmpty();
        }
    }

    /** The same decision, saying how many tries it took. */
    public Decision tried(Tried how) {
        return new Decision(verdict, rows, reasons, counting, flakyIgnored, how);
    }

    public Decision(Verdict verdict, List<Row> rows, List<String> reasons, RepoConfig.Counting counting) {
        this(verdict, rows, reasons, counting, List.of());
    }

    /** A decision on tests counted from their reports. */
    public Decision(Verdict verdict, List<Row> rows, List<String> reasons) {
        this(verdict, rows, reasons, RepoConfig.Counting.REPORTS);
    }

    /** The same decision, saying how its tests were counted. */
    public Decision countedBy(RepoConfig.Counting how) {
        return new Decision(verdict, rows, reasons, how, flakyIgnored, tried);
    }

    /** The same decision, naming the flaky tests its numbers leave out. */
    public Decision ignoring(List<String> flaky) {
        return new Decision(verdict, rows, reasons, counting, flaky, tried);
    }

    /** Whether the tests were counted by the test command's exit code (the table says so). */
    public boolean countedByExitCode() {
        return counting == RepoConfig.Counting.EXIT_CODE;
    }

    /** Keep the change (open a PR), or throw it away. */
    public enum Verdict {
        KEEP, REVERT
    }

    /** Which way a metric may not move by more than the threshold. */
    public enum Direction {

        /** roi: a drop beyond the threshold fires ({@code delta < -t}). */
        HIGHER_IS_BETTER("<", "-"),
        /** errors, complexity: a rise beyond the threshold fires ({@code delta > t}). */
        LOWER_IS_BETTER(">", "");

        private final String comparison;
        private final String sign;

        Direction(String comparison, String sign) {
            this.comparison = comparison;
            this.sign = sign;
        }

        /** Whether {@code delta} is worse than the threshold {@code t} allows. */
        public boolean beyond(double delta, double t) {
            return this == HIGHER_IS_BETTER ? delta < -t : delta > t;
        }

        /** The clause as people read it, e.g. {@code delta < -0.5}. */
        String rule(String threshold) {
            return "delta " + comparison + " " + sign + threshold;
        }
    }

    /**
     * One metric compared with its clause.
     *
     * @param metric    roi, errors, complexity, predicted roi, predicted errors
     * @param base      the base branch's value
     * @param candidate the candidate's (or the predicted) value
     * @param delta     candidate minus base
     * @param direction which way the metric may not move
     * @param threshold how far it may move that way
     * @param fired     true when this row demands a revert
     * @param forecast  for a predicted row, the forecast with its interval; null for a measured row
     */
    public record Row(String metric, double base, double candidate, double delta, Direction direction,
            double threshold, boolean fired, TrendPredictor.Forecast forecast) {

        /** A measured row. */
        public Row(String metric, double base, double candidate, double delta, Direction direction, double threshold,
                boolean fired) {
            this(metric, base, candidate, delta, direction, threshold, fired, null);
        }

        /**
         * A predicted row whose interval holds the base value: the predicted move is no larger than the series'
         * own noise (the delta lies inside the interval moved to zero).
         */
        public boolean insideInterval() {
            return forecast != null && !forecast.outside(base);
        }

        /** Whether the row moves the wrong way by more than {@code t}, and for a prediction by more than noise. */
        public boolean worseThan(double t) {
            return direction.beyond(delta, t) && !insideInterval();
        }

        /** A predicted move beyond the threshold that the interval calls noise: shown, but not a reason. */
        public boolean noise() {
            return direction.beyond(delta, threshold) && insideInterval();
        }

        /** The clause, e.g. {@code delta < -0.5}. */
        public String rule() {
            return direction.rule(PatchPolicy.fmt(threshold));
        }
    }

    public boolean kept() {
        return verdict == Verdict.KEEP;
    }

    /** A candidate that produced no usable numbers (build failure, timeout, rejected code). */
    public static Decision rejected(String reason) {
        return new Decision(Verdict.REVERT, List.of(), List.of(reason));
    }
}
