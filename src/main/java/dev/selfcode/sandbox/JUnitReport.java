package dev.selfcode.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Test counts read from one test report (JUnit XML, or another runner's format read into the same shape), or why
 * there are none.
 *
 * @param kind    whether the file was a test report at all
 * @param problem why it could not be read (only for {@link Kind#UNPARSEABLE})
 * @param ids      the test ids in report order ({@code suite::name}); may repeat when a runner reports a test twice
 * @param failures the failing and erroring tests with their failure text, at most
 *                 {@link TestFailure#MAX_FAILURES}, for attributing them to source files
 * @param failingIds the ids of the failed and errored tests (a subset of {@code ids})
 * @param skippedIds the ids of the skipped tests (a subset of {@code ids})
 */
record JUnitReport(Kind kind, int passed, int failed, int errored, int skipped, String problem, List<String> ids,
        List<TestFailure> failures, List<String> failingIds, List<String> skippedIds) {

    JUnitReport {
        ids = ids == null ? List.of() : List.copyOf(ids);
        failingIds = failingIds == null ? List.of() : List.copyOf(failingIds);
        skippedIds = skippedIds == null ? List.of() : List.copyOf(skippedIds);
        failures = failures == null
                ? List.of()
                : List.copyOf(failures.subList(0, Math.min(failures.size(), TestFailure.MAX_FAILURES)));
    }

    JUnitReport(Kind kind, int passed, int failed, int errored, int skipped, String problem, List<String> ids,
            List<TestFailure> failures) {
        this(kind, passed, failed, errored, skipped, problem, ids, failures, List.of(), List.of());
    }

    JUnitReport(Kind kind, int passed, int failed, int errored, int skipped, String problem, List<String> ids) {
        this(kind, passed, failed, errored, skipped, problem, ids, List.of());
    }

    JUnitReport(Kind kind, int passed, int failed, int errored, int skipped, String problem) {
        this(kind, passed, failed, errored, skipped, problem, List.of(), List.of());
    }

    /** The id of a test case: its suite (JUnit {@code classname}, a file, a describe path) and its name. */
    static String id(String suite, String name) {
        return (suite == null ? "" : suite.strip()) + "::" + (name == null ? "" : name.strip());
    }

    enum Kind {
        /** A testsuite/testsuites document; the counts are meaningful (possibly all zero). */
        JUNIT,
        /** Well-formed XML of another kind (a coverage report, say): ignored. */
        NOT_JUNIT,
        /** Broken, hostile or too large: its numbers cannot be trusted. */
        UNPARSEABLE
    }

    static final JUnitReport NOT_A_REPORT = new JUnitReport(Kind.NOT_JUNIT, 0, 0, 0, 0, null);

    static JUnitReport unparseable(String problem) {
        return new JUnitReport(Kind.UNPARSEABLE, 0, 0, 0, 0, problem);
    }

    int total() {
        return passed + failed + errored + skipped;
    }

    JUnitReport plus(JUnitReport other) {
        List<String> all = new ArrayList<>(ids);
        all.addAll(other.ids);
        List<TestFailure> failing = new ArrayList<>(failures);
        failing.addAll(other.failures);
        List<String> failingIds = new ArrayList<>(this.failingIds);
        failingIds.addAll(other.failingIds);
        List<String> skippedIds = new ArrayList<>(this.skippedIds);
        skippedIds.addAll(other.skippedIds);
        return new JUnitReport(Kind.JUNIT, passed + other.passed, failed + other.failed, errored + other.errored,
                skipped + other.skipped, null, all, failing, failingIds, skippedIds);
    }

    /** The ids of the tests that passed (named, neither failing nor skipped), sorted and distinct. */
    java.util.SortedSet<String> passedIds() {
        java.util.TreeSet<String> passing = new java.util.TreeSet<>(ids);
        passing.removeAll(failingIds);
        passing.removeAll(skippedIds);
        return passing;
    }
}
