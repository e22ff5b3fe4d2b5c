package dev.selfcode.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * @param testIds         the ids of the tests the reports name ({@code suite::name}), sorted and distinct; empty
 *                        when the runner's output names none (e.g. counted by exit code)
 * @param cause           why the status is not {@link Status#OK}, in words a maintainer can act on ("a process
 *                        was killed for using more than the memory limit of 1024 MiB"); empty when OK
 * @param moduleErrors    the lint findings and failing tests attributed to source files (and functions), by file;
 *                        empty when there were none or none could be attributed
 * @param failingIds      the ids of the tests that failed or errored (on the first run), sorted and distinct
 * @param rerunPassed     the failing ids that passed when the test step ran once more in the same sandbox (only a
 *                        base commit's evaluation re-runs its failing tests); the counts above are the first run's
 */
public record Evaluation(Status status, int passed, int failed, int errored, int skipped, int lintFindings,
        Optional<Double> coverage, Map<String, Double> customMetrics, double cpuSeconds, long peakMemoryBytes,
        double wallSeconds, Map<String, Integer> exitCodes, String logTail, List<String> testIds, String cause,
        List<ModuleError> moduleErrors, List<String> failingIds, List<String> rerunPassed) {

    public Evaluation {
        testIds = testIds == null ? List.of() : List.copyOf(testIds);
        cause = cause == null ? "" : cause;
        moduleErrors = moduleErrors == null ? List.of() : List.copyOf(moduleErrors);
        failingIds = failingIds == null ? List.of() : List.copyOf(failingIds);
        rerunPassed = rerunPassed == null ? List.of() : List.copyOf(rerunPassed);
    }

    /** An evaluation that names no failing test ids and ran its tests once. */
    public Evaluation(Status status, int passed, int failed, int errored, int skipped, int lintFindings,
            Optional<Double> coverage, Map<String, Double> customMetrics, double cpuSeconds, long peakMemoryBytes,
            double wallSeconds, Map<String, Integer> exitCodes, String logTail, List<String> testIds, String cause,
            List<ModuleError> moduleErrors) {
        this(status, passed, failed, errored, skipped, lintFindings, coverage, customMetrics, cpuSeconds,
                peakMemoryBytes, wallSeconds, exitCodes, logTail, testIds, cause, moduleErrors, List.of(), List.of());
    }

    /** An evaluation with no errors attributed to modules. */
    public Evaluation(Status status, int passed, int failed, int errored, int skipped, int lintFindings,
            Optional<Double> coverage, Map<String, Double> customMetrics, double cpuSeconds, long peakMemoryBytes,
            double wallSeconds, Map<String, Integer> exitCodes, String logTail, List<String> testIds, String cause) {
        this(status, passed, failed, errored, skipped, lintFindings, coverage, customMetrics, cpuSeconds,
                peakMemoryBytes, wallSeconds, exitCodes, logTail, testIds, cause, List.of());
    }

    /** An evaluation whose reports named no test ids and whose status needs no explanation. */
    public Evaluation(Status status, int passed, int failed, int errored, int skipped, int lintFindings,
            Optional<Double> coverage, Map<String, Double> customMetrics, double cpuSeconds, long peakMemoryBytes,
            double wallSeconds, Map<String, Integer> exitCodes, String logTail) {
        this(status, passed, failed, errored, skipped, lintFindings, coverage, customMetrics, cpuSeconds,
                peakMemoryBytes, wallSeconds, exitCodes, logTail, List.of(), "", List.of());
    }

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
        SANDBOX_ERROR,
        /**
         * The test runner's exit code, the count it collected and its reports disagree (a report written twice,
         * more tests reported than collected, exit 0 with failing tests): the numbers cannot be trusted.
         */
        INCONSISTENT,
        /** The dependency phase failed: an artifact could not be resolved, a host was refused, the tool failed. */
        DEPS_FAILED
    }

    /** This evaluation, saying which of its failing tests passed when run again. */
    public Evaluation withRerunPassed(List<String> passedAgain) {
        return new Evaluation(status, passed, failed, errored, skipped, lintFindings, coverage, customMetrics, cpuSeconds,
                peakMemoryBytes, wallSeconds, exitCodes, logTail, testIds, cause, moduleErrors, failingIds, passedAgain);
    }

    /**
     * This evaluation with {@code tests} left out of its counts and ids, as if they had not run (flaky tests in a
     * comparison). A left-out test that did not fail counts as a passed one it no longer has (a skipped one too: the
     * ids do not say which were skipped, so the passed count may come out lower, never higher).
     */
    public Evaluation ignoring(Set<String> tests) {
        List<String> left = testIds.stream().filter(tests::contains).toList();
        if (left.isEmpty()) {
            return this;
        }
        int failing = (int) failingIds.stream().filter(tests::contains).count();
        int fromFailed = Math.min(failing, failed);
        int fromErrored = Math.min(failing - fromFailed, errored);
        int fromPassed = Math.min(left.size() - failing, passed);
        return new Evaluation(status, passed - fromPassed, failed - fromFailed, errored - fromErrored, skipped,
                lintFindings, coverage, customMetrics, cpuSeconds, peakMemoryBytes, wallSeconds, exitCodes, logTail,
                testIds.stream().filter(id -> !tests.contains(id)).toList(), cause, moduleErrors,
                failingIds.stream().filter(id -> !tests.contains(id)).toList(),
                rerunPassed.stream().filter(id -> !tests.contains(id)).toList());
    }

    /**
     * This evaluation with those of {@code tests} that failed first and passed on the re-run counted as passed (flaky
     * tests, in the base's metric sample); every other failure stands as the first run saw it.
     */
    public Evaluation passedOnRerun(Set<String> tests) {
        Set<String> moved = rerunPassed.stream().filter(tests::contains).collect(java.util.stream.Collectors.toSet());
        if (moved.isEmpty()) {
            return this;
        }
        int fromFailed = Math.min(moved.size(), failed);
        int fromErrored = Math.min(moved.size() - fromFailed, errored);
        return new Evaluation(status, passed + fromFailed + fromErrored, failed - fromFailed, errored - fromErrored,
                skipped, lintFindings, coverage, customMetrics, cpuSeconds, peakMemoryBytes, wallSeconds, exitCodes,
                logTail, testIds, cause, moduleErrors, failingIds.stream().filter(id -> !moved.contains(id)).toList(),
                rerunPassed);
    }

    public int totalTests() {
        return passed + failed + errored + skipped;
    }

    public boolean usable() {
        return status == Status.OK;
    }
}
