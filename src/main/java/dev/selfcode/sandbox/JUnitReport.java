package dev.selfcode.sandbox;

/**
 * Test counts read from one JUnit XML report, or why there are none.
 *
 * @param kind    whether the file was a JUnit report at all
 * @param problem why it could not be read (only for {@link Kind#UNPARSEABLE})
 */
record JUnitReport(Kind kind, int passed, int failed, int errored, int skipped, String problem) {

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
        return new JUnitReport(Kind.JUNIT, passed + other.passed, failed + other.failed, errored + other.errored,
                skipped + other.skipped, null);
    }
}
