package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The counts test runners print of their own, which a report may not exceed. */
class CollectedTestsTest {

    @Test
    void pytestCountsWhatItCollectedBeforeAnyTestRan() {
        String head = "============================= test session starts ==============================\n"
                + "rootdir: /workspace\ncollected 5 items\n\ntest_calc.py .F.F.\n";
        // A line printed later by a test names another number; only the first one counts.
        assertThat(CollectedTests.count(head + "collected 600 items\n", "")).hasValue(5);
        assertThat(CollectedTests.count("collected 1 item\n", "")).hasValue(1);
        assertThat(CollectedTests.count("collected 9 items / 4 deselected\n", "")).hasValue(5);
        assertThat(CollectedTests.count("collected 9 items / 4 deselected / 5 selected\n", "")).hasValue(5);
    }

    @Test
    void nodeCountsInItsFinalSummary() {
        assertThat(CollectedTests.count("", "\u2139 tests 600\n...\n\u2139 tests 4\n\u2139 suites 1\n\u2139 pass 2\n"))
                .hasValue(4);
        assertThat(CollectedTests.count("", "1..3\n# tests 3\n# pass 3\n")).hasValue(3);
    }

    @Test
    void severalNodeRunsCountTheSumOfTheirSummaries() {
        String tail = "\u2139 tests 3\n\u2139 pass 3\nnext run\n\u2139 tests 2\n\u2139 pass 1\n";
        assertThat(CollectedTests.count("", tail, 2)).hasValue(5);
        assertThat(CollectedTests.count("", tail, 1)).hasValue(2);
        // Fewer summaries than runs (another runner's run, or the output cut off): no count, never a too-small one.
        assertThat(CollectedTests.count("", "\u2139 tests 2\n", 2)).isEmpty();
    }

    @Test
    void noCountIsNoCount() {
        assertThat(CollectedTests.count(".F.F.  [100%]\n2 failed, 3 passed in 0.1s\n", "")).isEmpty();
        assertThat(CollectedTests.count("collected 99999999999999999999 items\n", "")).isEmpty();
    }

    @Test
    void mavenFailuresAreSummedOverModulesAndClassLinesAreNotTotals() {
        String log = """
                [ERROR] Tests run: 3, Failures: 2, Errors: 0, Skipped: 0, Time elapsed: 0.5 s <<< FAILURE! -- in t.CalcTest
                [ERROR] Tests run: 3, Failures: 2, Errors: 0, Skipped: 0
                [INFO] Tests run: 7, Failures: 0, Errors: 1, Skipped: 2
                """;
        assertThat(CollectedTests.mavenFailing(log)).hasValue(3);
        assertThat(CollectedTests.mavenFailing("BUILD SUCCESS\n")).isEmpty();
    }
}
