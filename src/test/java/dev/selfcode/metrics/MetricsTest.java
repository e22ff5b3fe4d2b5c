package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.sandbox.Evaluation;

class MetricsTest {

    static Evaluation eval(int passed, int failed, int errored, int lint, Double coverage, Double roi, double cpu,
            long mem) {
        return new Evaluation(Evaluation.Status.OK, passed, failed, errored, 0, lint, Optional.ofNullable(coverage),
                roi == null ? Map.of() : Map.of("roi", roi), cpu, mem, 1, Map.of("test", 0), "");
    }

    @Test
    void errorsAreFailedPlusErroredPlusLint() {
        Evaluation e = eval(5, 2, 1, 3, null, null, 2, 100L << 20);
        assertThat(Metrics.of(e, e).errors()).isEqualTo(6);
    }

    @Test
    void roiPrefersTheRepoMetricThenCoverageThenPassedTests() {
        Evaluation custom = eval(5, 0, 0, 0, 80.0, 12.5, 1, 1);
        assertThat(Metrics.of(custom, custom).roi()).isEqualTo(12.5);
        assertThat(Metrics.of(custom, custom).roiSource()).isEqualTo(Metrics.RoiSource.CUSTOM);
        Evaluation coverage = eval(5, 0, 0, 0, 80.0, null, 1, 1);
        assertThat(Metrics.of(coverage, coverage).roi()).isEqualTo(80.0);
        Evaluation plain = eval(5, 0, 0, 0, null, null, 1, 1);
        assertThat(Metrics.of(plain, plain).roi()).isEqualTo(5);
    }

    @Test
    void roiSourceMustExistOnBothSides() {
        // A candidate whose coverage report vanished is compared on passed tests, not against nothing.
        Evaluation base = eval(5, 0, 0, 0, 80.0, null, 1, 1);
        Evaluation cand = eval(5, 0, 0, 0, null, null, 1, 1);
        assertThat(Metrics.of(cand, base).roiSource()).isEqualTo(Metrics.RoiSource.PASSED_TESTS);
        Metrics.RoiSource shared = Metrics.commonSource(base, cand);
        assertThat(Metrics.of(base, base, shared).roi()).isEqualTo(5);
        assertThat(Metrics.of(cand, base, shared).roi()).isEqualTo(5);
    }

    @Test
    void complexityIsOneForTheBaselineAndGrowsWithCost() {
        Evaluation base = eval(5, 0, 0, 0, null, null, 4, 200L << 20);
        assertThat(Metrics.of(base, base).complexity()).isCloseTo(1.0, within(1e-9));
        Evaluation doubleCpu = eval(5, 0, 0, 0, null, null, 8, 200L << 20);
        assertThat(Metrics.of(doubleCpu, base).complexity()).isCloseTo(1.5, within(1e-9));
        Evaluation doubleBoth = eval(5, 0, 0, 0, null, null, 8, 400L << 20);
        assertThat(Metrics.of(doubleBoth, base).complexity()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void tinyRunsAreNotPunishedForNoise() {
        // 0.1 s -> 0.2 s of CPU is noise under the 1 s floor: +0.05, not +0.5.
        Evaluation base = eval(5, 0, 0, 0, null, null, 0.1, 10L << 20);
        Evaluation cand = eval(5, 0, 0, 0, null, null, 0.2, 10L << 20);
        assertThat(Metrics.of(cand, base).complexity() - Metrics.of(base, base).complexity())
                .isCloseTo(0.05, within(1e-9));
    }
}
