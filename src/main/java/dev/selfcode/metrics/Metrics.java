package dev.selfcode.metrics;

import dev.selfcode.sandbox.Evaluation;

/**
 * The three numbers the decision rule compares: {@code roi} (higher is better), {@code errors} and
 * {@code complexity} (lower is better).
 */
public record Metrics(double roi, double errors, double complexity, RoiSource roiSource) {

    /** Below these the resource figures are noise, so ratios are taken against at least this much. */
    static final double CPU_FLOOR_SECONDS = 1.0;
    static final double MEMORY_FLOOR_BYTES = 64.0 * 1024 * 1024;

    /** Where the roi figure came from, so a table can say what it measures. */
    public enum RoiSource {

        CUSTOM("repo metric"), COVERAGE("line coverage %"), PASSED_TESTS("passed tests");

        public final String label;

        RoiSource(String label) {
            this.label = label;
        }
    }

    /**
     * Derives metrics of {@code run}, with complexity normalised to {@code baseline} (pass the run itself
     * for the baseline's own metrics, which then has complexity 1.0). roi uses the best source both have.
     */
    public static Metrics of(Evaluation run, Evaluation baseline) {
        return of(run, baseline, commonSource(run, baseline));
    }

    /** The best roi source two runs share, so that a base and a candidate are compared like for like. */
    public static RoiSource commonSource(Evaluation a, Evaluation b) {
        if (a.customMetrics().containsKey("roi") && b.customMetrics().containsKey("roi")) {
            return RoiSource.CUSTOM;
        }
        if (a.coverage().isPresent() && b.coverage().isPresent()) {
            return RoiSource.COVERAGE;
        }
        return RoiSource.PASSED_TESTS;
    }

    /** Metrics of {@code run} with roi read from {@code source}, which both runs must have. */
    public static Metrics of(Evaluation run, Evaluation baseline, RoiSource source) {
        double roi = switch (source) {
            case CUSTOM -> run.customMetrics().get("roi");
            case COVERAGE -> run.coverage().orElseThrow();
            case PASSED_TESTS -> run.passed();
        };
        double errors = run.failed() + run.errored() + run.lintFindings();
        double cpu = run.cpuSeconds() / Math.max(baseline.cpuSeconds(), CPU_FLOOR_SECONDS);
        double mem = run.peakMemoryBytes() / Math.max(baseline.peakMemoryBytes(), MEMORY_FLOOR_BYTES);
        double baseCpu = baseline.cpuSeconds() / Math.max(baseline.cpuSeconds(), CPU_FLOOR_SECONDS);
        double baseMem = baseline.peakMemoryBytes() / Math.max(baseline.peakMemoryBytes(), MEMORY_FLOOR_BYTES);
        // Normalised so that the baseline scores 1.0 when it is above the noise floors.
        double complexity = 1.0 + ((cpu - baseCpu) + (mem - baseMem)) / 2.0;
        return new Metrics(roi, errors, complexity, source);
    }
}
