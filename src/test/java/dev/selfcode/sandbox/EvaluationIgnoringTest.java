package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Flaky tests left out of an evaluation's counts, and a flaky re-run pass counted as a pass. */
class EvaluationIgnoringTest {

    private static final Evaluation RUN = new Evaluation(Evaluation.Status.OK, 3, 1, 1, 0, 2, Optional.empty(),
            Map.of(), 1, 1, 1, Map.of("test", 1), "", List.of("t::a", "t::b", "t::c", "t::flaky", "t::broken"), "",
            List.of(), List.of("t::broken", "t::flaky"), List.of("t::flaky"));

    @Test
    void aFailingFlakyTestLeavesTheCountsAndIds() {
        Evaluation e = RUN.ignoring(Set.of("t::flaky", "t::unknown"));

        assertThat(e.failed() + e.errored()).isEqualTo(1);
        assertThat(e.passed()).isEqualTo(3);
        assertThat(e.lintFindings()).isEqualTo(2);
        assertThat(e.failingIds()).containsExactly("t::broken");
        assertThat(e.testIds()).doesNotContain("t::flaky");
    }

    @Test
    void aPassingFlakyTestLeavesThePassedCount() {
        Evaluation e = RUN.ignoring(Set.of("t::a"));

        assertThat(e.passed()).isEqualTo(2);
        assertThat(e.failed() + e.errored()).isEqualTo(2);
        assertThat(RUN.ignoring(Set.of("t::unknown"))).isSameAs(RUN);
    }

    @Test
    void onlyAFlakyTestThatPassedOnTheRerunCountsAsPassed() {
        assertThat(RUN.passedOnRerun(Set.of())).isSameAs(RUN);
        assertThat(RUN.passedOnRerun(Set.of("t::broken"))).as("it failed again").isSameAs(RUN);

        Evaluation e = RUN.passedOnRerun(Set.of("t::flaky"));
        assertThat(e.passed()).isEqualTo(4);
        assertThat(e.failed() + e.errored()).isEqualTo(1);
        assertThat(e.failingIds()).containsExactly("t::broken");
    }
}
