package dev.selfcode.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many tests the test runner itself said it would run, read from the test step's output: a report naming more
 * tests than this was not written by the runner alone. Only counts printed by the runner's own process before any
 * test runs, or as its final summary, are used; with none, there is no count.
 */
final class CollectedTests {

    /** pytest, before the first test runs: "collected 5 items", "collected 9 items / 4 deselected / 5 selected". */
    private static final Pattern PYTEST = Pattern.compile(
            "(?m)^collected (\\d{1,9}) items?(?: / (\\d{1,9}) deselected)?(?: / \\d+ skipped)?(?: / (\\d{1,9}) selected)?");
    /** node's test runner, in its spec ("ℹ tests 4") and TAP ("# tests 4") summaries, printed after the run. */
    private static final Pattern NODE = Pattern.compile("(?m)^(?:\u2139|#) tests (\\d{1,9})\\s*$");

    /** Maven Surefire/Failsafe's totals of one module (a class's line goes on with ", Time elapsed"). */
    private static final Pattern MAVEN_TOTALS = Pattern.compile(
            "(?m)^(?:\\[\\w+\\] )?Tests run: \\d{1,9}, Failures: (\\d{1,9}), Errors: (\\d{1,9}), Skipped: \\d{1,9}\\s*$");

    private CollectedTests() {
    }

    /**
     * The failing (failed + errored) tests Maven's own process printed in its totals, summed over modules, or empty
     * when it printed none. Code under test can add such lines, never remove Maven's: a report with fewer failures
     * than this was rewritten.
     */
    static Optional<Integer> mavenFailing(String tail) {
        Matcher m = MAVEN_TOTALS.matcher(tail);
        long failing = 0;
        boolean found = false;
        while (m.find()) {
            found = true;
            failing += Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
        }
        return found ? Optional.of((int) Math.min(Integer.MAX_VALUE, failing)) : Optional.empty();
    }

    /**
     * The count from the first lines of the output ({@code head}: pytest's, printed before any test code runs) or,
     * failing that, the last summary in its tail (node's, printed by the runner's parent process once every test
     * process has ended).
     */
    static Optional<Integer> count(String head, String tail) {
        return count(head, tail, 1);
    }

    /**
     * As {@link #count(String, String)} for a test step that ran {@code runs} test runs, each writing its own sealed
     * report ({@code node --test a && node --test b}): node's count is then the sum of the last {@code runs} summaries,
     * one per run, and there is no count when fewer were printed (another runner's run, or output cut off).
     */
    static Optional<Integer> count(String head, String tail, int runs) {
        if (runs > 1 && !PYTEST.matcher(head).find()) {
            java.util.List<Long> all = new java.util.ArrayList<>();
            Matcher node = NODE.matcher(tail);
            while (node.find()) {
                all.add(Long.parseLong(node.group(1)));
            }
            if (all.size() < runs) {
                return Optional.empty();
            }
            long sum = all.subList(all.size() - runs, all.size()).stream().mapToLong(Long::longValue).sum();
            return Optional.of((int) Math.min(Integer.MAX_VALUE, sum));
        }
        Matcher pytest = PYTEST.matcher(head);
        if (pytest.find()) {
            long collected = Long.parseLong(pytest.group(1));
            if (pytest.group(3) != null) {
                collected = Long.parseLong(pytest.group(3));
            } else if (pytest.group(2) != null) {
                collected -= Long.parseLong(pytest.group(2));
            }
            return Optional.of((int) Math.min(Integer.MAX_VALUE, Math.max(0, collected)));
        }
        Matcher node = NODE.matcher(tail);
        Integer last = null;
        while (node.find()) {
            last = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(node.group(1)));
        }
        return Optional.ofNullable(last);
    }
}
