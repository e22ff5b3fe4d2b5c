package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.TrendPredictor.Forecast;
import dev.selfcode.metrics.TrendPredictor.Interval;
import dev.selfcode.metrics.TrendPredictor.Method;

/** A decision read back from its history row equals the one recorded (ShowCommandEndToEndTest: the same table). */
class RecordedDecisionTest {

    static Decision decision() {
        return new Decision(Decision.Verdict.REVERT, List.of(
                new Decision.Row("roi", 10, 8.5, -1.5, Decision.Direction.HIGHER_IS_BETTER, 0.5, true),
                new Decision.Row("errors", 2, 2, 0, Decision.Direction.LOWER_IS_BETTER, 0.5, false),
                new Decision.Row("predicted roi", 10, 9.2, -0.8, Decision.Direction.HIGHER_IS_BETTER, 0.5, false,
                        new Forecast(9.2, new Interval(8.1, 10.3, 0.95), -0.2, Method.HOLT, 21, 1)),
                // Two points: an interval without bounds (infinities in the JSON).
                new Decision.Row("predicted errors", 2, 2.4, 0.4, Decision.Direction.LOWER_IS_BETTER, 0.5, false,
                        new Forecast(2.4, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95),
                                0.4, Method.LEAST_SQUARES, 2, 1))),
                List.of("roi delta -1.500 < -0.5"));
    }

    @Test
    void rowsReadBackEqualTheRowsRecorded() {
        Decision recorded = decision();
        PatchAttempt a = new PatchAttempt();
        a.decision = PatchAttempt.REVERT;
        a.decisionTable = RecordPatch.rows(recorded);
        a.reasons = String.join("\n", recorded.reasons());

        Decision read = RecordedDecision.of(a);

        assertThat(read.rows()).isEqualTo(recorded.rows());
        assertThat(read.reasons()).isEqualTo(recorded.reasons());
        assertThat(read.kept()).isFalse();
        assertThat(read.rows().get(3).forecast().interval().bounded()).isFalse();
    }

    @Test
    void anAttemptWithoutRowsHasAnEmptyTableAndItsFailureAsReasons() {
        PatchAttempt a = new PatchAttempt();
        a.decision = PatchAttempt.FAILED;
        a.reasons = "TIMEOUT: the tests did not finish\n\nlast line";

        Decision read = RecordedDecision.of(a);

        assertThat(read.rows()).isEmpty();
        assertThat(read.reasons()).containsExactly("TIMEOUT: the tests did not finish", "", "last line");
    }

    @Test
    void unreadableRowsSayWhat() {
        assertThatThrownBy(() -> RecordedDecision.rows("{not json")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recorded decision rows cannot be read");
    }
}
