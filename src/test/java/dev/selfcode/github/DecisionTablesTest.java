package dev.selfcode.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.engine.Decision;
import dev.selfcode.engine.DecisionTable;
import dev.selfcode.engine.PatchPolicy;
import dev.selfcode.metrics.Forecasts;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/** The decision table as the CLI, commit messages and GitHub show it, rendered by Qute templates. */
@QuarkusTest
class DecisionTablesTest {

    static final Metrics BASE = new Metrics(10, 2, 1.0, Metrics.RoiSource.PASSED_TESTS);

    static Metrics m(double roi, double errors, double complexity) {
        return new Metrics(roi, errors, complexity, Metrics.RoiSource.PASSED_TESTS);
    }

    @Test
    void tablesShowEveryRowAndVerdict() {
        Decision d = PatchPolicy.decide(BASE, m(9, 2, 1), Prediction.none(0), 0.5);
        String md = Markdown.table(d);
        assertThat(md).contains("| roi | 10.000 | 9.000 | -1.000 | `delta < -0.5` | **revert** |");
        assertThat(md).contains("| errors | 2.000 | 2.000 | +0.000 | `delta > 0.5` | ok |");
        assertThat(DecisionTable.text(d)).contains("REVERT").contains("complexity");
    }

    @Test
    void theTemplatesWriteExactlyWhatTheHandBuiltTablesDid() {
        // Without a prediction; with one, the interval is shown too (next test).
        Decision d = PatchPolicy.decide(BASE, m(9.25, 2.5, 1.125), Prediction.none(1), 0.25);
        assertThat(DecisionTable.text(d)).isEqualTo(formerText(d));
        assertThat(Markdown.table(d)).isEqualTo(formerMarkdown(d));
        assertThat(Markdown.table(Decision.rejected("no numbers"))).isNull();
    }

    @Test
    void bothTablesShowEachPredictionWithItsIntervalAndCallAMoveInsideItNoise() {
        // Predicted errors 3 (delta +1, beyond 0.5) with interval 1.5 .. 4.5: the base 2 lies inside it.
        Decision d = PatchPolicy.decide(BASE, m(9.75, 2, 1),
                new Prediction(Optional.of(Forecasts.of(12, 2)), Optional.of(Forecasts.of(3, 1.5)), 20), 0.5);
        assertThat(d.kept()).isTrue();
        String text = DecisionTable.text(d);
        // The rows as before, the last (predicted errors) marked as noise, then one line per prediction.
        assertThat(formerText(d)).endsWith(" ok\n");
        assertThat(text).isEqualTo(formerText(d).stripTrailing() + " (noise)\n" + """
                predicted roi 12.000 (95% 10.000 .. 14.000, Holt, 21 points)
                predicted errors 3.000 (95% 1.500 .. 4.500, Holt, 21 points): base 2.000 lies inside the interval, \
                so the predicted move is noise, not a reason
                """);
        assertThat(Markdown.table(d))
                .contains("| predicted roi | 10.000 | 12.000 (95% 10.000 .. 14.000, Holt, 21 points) | +2.000 "
                        + "| `delta < -0.5` | ok |\n")
                .contains("| predicted errors | 2.000 | 3.000 (95% 1.500 .. 4.500, Holt, 21 points) | +1.000 "
                        + "| `delta > 0.5` | ok (noise: base inside the interval) |\n");
    }

    @Test
    void bothTablesSayWhenTestsWereCountedByExitCode() {
        Decision d = PatchPolicy.decide(BASE, m(9, 2, 1), Prediction.none(0), 0.5);
        assertThat(DecisionTable.text(d)).doesNotContain("exit code");
        assertThat(Markdown.table(d)).doesNotContain("exit code");
        Decision byExit = d.countedBy(dev.selfcode.config.RepoConfig.Counting.EXIT_CODE);
        assertThat(DecisionTable.text(byExit)).startsWith(DecisionTable.text(d))
                .contains("tests counted by exit code", "1 passed when it exits 0");
        assertThat(Markdown.table(byExit)).startsWith(Markdown.table(d)).contains("_Tests counted by exit code");
    }

    /** The CLI table as engine/DecisionTable built it by hand before the templates. */
    private static String formerText(Decision d) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-17s %12s %12s %10s  %-12s %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "metric", "base", "candidate", "delta", "threshold", "verdict"));
        for (Decision.Row r : d.rows()) {
            sb.append(String.format(Locale.ROOT, fmt, r.metric(), num(r.base()), num(r.candidate()),
                    signed(r.delta()), r.rule().replace("delta ", ""), r.fired() ? "REVERT" : "ok"));
        }
        return sb.toString();
    }

    /** GitHub's table as engine/DecisionTable built it by hand before the templates. */
    private static String formerMarkdown(Decision d) {
        StringBuilder sb = new StringBuilder("| metric | base | candidate | delta | threshold | verdict |\n");
        sb.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        for (Decision.Row r : d.rows()) {
            sb.append("| ").append(r.metric()).append(" | ").append(num(r.base())).append(" | ")
                    .append(num(r.candidate())).append(" | ").append(signed(r.delta())).append(" | `")
                    .append(r.rule()).append("` | ").append(r.fired() ? "**revert**" : "ok").append(" |\n");
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }
}
