package dev.selfcode.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * What one sandboxed run of a repository's steps measured. Raw parts only; {@code Metrics} derives
 * roi, errors and complexity from them.
 *
 * @param status          whether the numbers can be used at all
 * @param passed          tests passed, from the JUnit XML reports
 * @param failed          tests failed
 * @param errored         tests errored
 * @param skipped         tests skipped
 * @param lintFindings    lint findings (each counts as an error)
 * @param coverage        line coverage in percent, when a report was configured and found
 * @param customMetrics   numbers printed by the repo's metrics command (e.g. {@code roi}), empty when none
 * @param cpuSeconds      CPU seconds used by the steps
 * @param peakMemoryBytes peak memory of the container
 * @param wallSeconds     wall time of all steps
 * @param exitCodes       exit code by step name (setup, lint, test, metrics)
 * @param logTail         the last lines of output, for explaining a failure
 */
public record Evaluation(Status status, int passed, int failed, int errored, int skipped, int lintFindings,
        Optional<Double> coverage, Map<String, Double> customMetrics, double cpuSeconds, long peakMemoryBytes,
        double wallSeconds, Map<String, Integer> exitCodes, String logTail) {

    /** Whether the run produced usable numbers. */
    public enum Status {
        /** All steps ran; the numbers are meaningful (tests may still have failed). */
        OK,
        /** setup failed, or the tests could not run (no report, compile error). */
        BUILD_FAILED,
        /** A step ran past the time limit and was killed. */
        TIMEOUT,
        /** The suite ran but reported no test at all. */
        NO_TESTS,
        /** The container could not be started or the engine misbehaved. */
        SANDBOX_ERROR
    }

    public int totalTests() {
        return passed + failed + errored + skipped;
    }

    public boolean usable() {
        return status == Status.OK;
    }
}
