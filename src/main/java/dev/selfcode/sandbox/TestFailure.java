package dev.selfcode.sandbox;

/**
 * A failing or erroring test as a report names it, with the text that explains the failure (a traceback, a stack
 * trace, a TAP diagnostic), bounded: its head and tail are kept, where the deepest frames of Java and Python are.
 *
 * @param suite the test's suite (JUnit classname, a test file, a describe path), may be empty
 * @param file  the test file when the report names it, else null
 * @param trace the failure text, at most {@link #MAX_TRACE} characters
 */
record TestFailure(String suite, String file, String trace) {

    static final int MAX_TRACE = 16 * 1024;
    /** The most failures one evaluation keeps for attribution; the counts themselves are not capped. */
    static final int MAX_FAILURES = 2000;

    TestFailure {
        suite = suite == null ? "" : suite;
        trace = bounded(trace == null ? "" : trace);
    }

    /** Adds a failure to {@code failures} unless it holds {@link #MAX_FAILURES} already (the text is then not read). */
    static void add(java.util.List<TestFailure> failures, String suite, String file,
            java.util.function.Supplier<String> trace) {
        if (failures.size() < MAX_FAILURES) {
            failures.add(new TestFailure(suite, file, trace.get()));
        }
    }

    /** The head and tail of a long trace: Java prints its deepest frame first, Python last. */
    static String bounded(String trace) {
        if (trace.length() <= MAX_TRACE) {
            return trace;
        }
        int half = MAX_TRACE / 2;
        return trace.substring(0, half) + "\n...\n" + trace.substring(trace.length() - half);
    }
}
