package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StageClockTest {

    final List<String> events = new ArrayList<>();
    final ProgressListener progress = new ProgressListener() {

        @Override
        public void started(Stage stage) {
            events.add("start " + stage.label);
        }

        @Override
        public void finished(Stage stage, long millis, String summary) {
            events.add("done " + stage.label + ": " + summary);
        }
    };

    @Test
    void eachStageIsAnnouncedTimedAndSummarised() throws Exception {
        StageClock clock = new StageClock(progress);
        int n = clock.run(Stage.CHECKOUT, () -> 41 + 1, v -> "got " + v);
        String s = clock.run(Stage.CONTEXT, () -> "x", String::valueOf);

        assertThat(n).isEqualTo(42);
        assertThat(s).isEqualTo("x");
        assertThat(events).containsExactly("start check out", "done check out: got 42", "start gather context",
                "done gather context: x");
        assertThat(clock.timings()).containsOnlyKeys(Stage.CHECKOUT, Stage.CONTEXT);
        assertThat(clock.current()).isEqualTo(Stage.CONTEXT);
    }

    @Test
    void aFailingStageStaysCurrentAndIsNotTimed() {
        StageClock clock = new StageClock(progress);
        assertThatThrownBy(() -> clock.run(Stage.GENERATE, () -> {
            throw new IllegalStateException("down");
        }, String::valueOf)).hasMessage("down");

        assertThat(clock.current()).isEqualTo(Stage.GENERATE);
        assertThat(clock.timings()).isEmpty();
        assertThat(events).containsExactly("start generate");
    }
}
