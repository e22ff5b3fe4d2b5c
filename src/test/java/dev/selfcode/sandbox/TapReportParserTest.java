package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** TAP as tape, ava and node print it (the samples are their real output, shortened). */
class TapReportParserTest {

    static JUnitReport parse(String tap) {
        return TapReportParser.parse(tap.getBytes(StandardCharsets.UTF_8));
    }

    static int[] counts(JUnitReport r) {
        return new int[]{r.passed(), r.failed(), r.errored(), r.skipped()};
    }

    @Test
    void tapeCountsOneTestPerNamedGroupOfAssertions() {
        JUnitReport r = parse("""
                TAP version 13
                # adds two numbers
                ok 1 should be strictly equal
                ok 2 should be truthy
                # is wrong on purpose
                ok 3 should be strictly equal
                not ok 4 should be strictly equal
                  ---
                    operator: equal
                    expected: 7
                    actual:   6
                  ...
                # not written yet
                ok 5 should be equal # SKIP

                1..5
                # tests 5
                # pass  3
                # fail  1
                """);
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.JUNIT);
        assertThat(counts(r)).containsExactly(1, 1, 0, 1);
        assertThat(r.ids()).containsExactly("::adds two numbers", "::is wrong on purpose", "::not written yet");
    }

    @Test
    void avaCountsEachTestPoint() {
        JUnitReport r = parse("""
                TAP version 13
                ok 1 - sum › adds two numbers
                not ok 2 - sum › is wrong on purpose
                  ---
                    name: AssertionError
                  ...
                ok 3 - sum › later # TODO
                not ok 4 - sum › not yet # TODO

                1..4
                # tests 4
                # pass 1
                # fail 1
                """);
        assertThat(counts(r)).containsExactly(1, 1, 0, 2);
        assertThat(r.ids()).containsExactly("::sum › adds two numbers", "::sum › is wrong on purpose", "::sum › later",
                "::sum › not yet");
        assertThat(r.failingIds()).containsExactly("::sum › is wrong on purpose");
        assertThat(r.skippedIds()).containsExactly("::sum › later", "::sum › not yet");
    }

    @Test
    void nodesSubtestsAreDetailsOfTheirTopLevelTest() {
        JUnitReport r = parse("""
                TAP version 13
                # Subtest: adds two numbers
                ok 1 - adds two numbers
                  ---
                  duration_ms: 0.6
                  ...
                # Subtest: mul
                    # Subtest: is wrong on purpose
                    not ok 1 - is wrong on purpose
                    1..1
                not ok 2 - mul
                1..2
                # tests 2
                # suites 1
                # skipped 0
                """);
        assertThat(counts(r)).containsExactly(1, 1, 0, 0);
        assertThat(r.ids()).containsExactly("::adds two numbers", "::mul");
    }

    @Test
    void aRunThatStoppedEarlyOrBailedOutHasAnErroredTest() {
        JUnitReport stopped = parse("TAP version 13\nok 1 - a\n1..3\n");
        assertThat(counts(stopped)).containsExactly(1, 0, 1, 0);
        assertThat(stopped.ids()).contains("::(2 of 3 planned tests never ran)");
        JUnitReport bailed = parse("1..2\nok 1 - a\nBail out! database is down\n");
        assertThat(counts(bailed)).containsExactly(1, 0, 2, 0);
    }

    @Test
    void whatIsNotTapIsUnparseable() {
        assertThat(parse("Error: Cannot find module 'tape'\n").kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(parse("").kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        // An empty but valid run: no tests, which the reader calls NO_TESTS.
        assertThat(parse("TAP version 13\n1..0\n").total()).isZero();
    }
}
