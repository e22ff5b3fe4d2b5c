package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.sandbox.Evaluation;

/** A test is flaky when it failed and then passed on the re-run in at least 2 of the last 10 base runs. */
@QuarkusTest
class FlakeHistoryTest {

    @Inject
    FlakeHistory history;

    @Test
    void aTestIsFlakyWhenItFlakedInTwoOfTheLastTenRuns() {
        List<List<String>> runs = new ArrayList<>();
        runs.add(List.of("a::twice", "b::once"));
        for (int i = 0; i < 7; i++) {
            runs.add(List.of());
        }
        runs.add(List.of("a::twice"));
        runs.add(List.of("c::tenth-and-eleventh"));
        runs.add(List.of("c::tenth-and-eleventh", "d::too-old"));
        runs.add(List.of("d::too-old"));

        assertThat(FlakeHistory.flaky(runs)).containsExactly("a::twice");
        // A second flake of b makes it flaky; a run counts a test once however often it names it.
        runs.add(0, List.of("b::once", "e::named-twice", "e::named-twice"));
        assertThat(FlakeHistory.flaky(runs)).containsExactly("a::twice", "b::once");
    }

    @Test
    void onlyMeasuredBaseRunsCountAndACommitCountsOnce() {
        String repo = "local/flakes-" + System.nanoTime();
        Evaluation flaked = evaluation(List.of("t::flaky", "t::ok"), List.of("t::flaky"), List.of("t::flaky"));

        history.record(repo, "1".repeat(40), flaked);
        history.record(repo, "1".repeat(40), flaked);
        assertThat(history.flaky(repo)).as("the same commit measured twice is one run").isEmpty();

        // Counted by exit code: no test is named, nothing is recorded.
        history.record(repo, "2".repeat(40), evaluation(List.of(), List.of(), List.of()));
        assertThat(history.flaky(repo)).isEmpty();

        history.record(repo, "3".repeat(40), flaked);
        assertThat(history.flaky(repo)).containsExactly("t::flaky");
        assertThat(history.flaky("local/other-" + System.nanoTime())).as("per repository").isEmpty();

        // Ten later runs without a flake push both out of the window.
        for (int i = 0; i < 10; i++) {
            history.record(repo, "sha-" + i, evaluation(List.of("t::flaky", "t::ok"), List.of(), List.of()));
        }
        assertThat(history.flaky(repo)).isEmpty();
    }

    private static Evaluation evaluation(List<String> ids, List<String> failing, List<String> rerunPassed) {
        return new Evaluation(Evaluation.Status.OK, ids.size() - failing.size(), failing.size(), 0, 0, 0,
                Optional.empty(), Map.of(), 1, 1, 1, Map.of("test", failing.isEmpty() ? 0 : 1), "", ids, "", List.of(),
                failing, rerunPassed);
    }
}
