package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ThresholdTest {

    @Test
    void aThresholdIsAFiniteNumberAtLeastZero() {
        assertThat(Threshold.valueOf(" 0.5 ").value()).isEqualTo(0.5);
        assertThat(Threshold.of(0).value()).isZero();
        for (String bad : new String[]{"-1", "NaN", "Infinity", "-Infinity", "high", ""}) {
            assertThatThrownBy(() -> Threshold.valueOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Threshold.RULE);
        }
        assertThatThrownBy(() -> Threshold.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itShowsAsTheDoubleItHoldsAndTravelsAsAJsonNumber() throws Exception {
        assertThat(Threshold.of(0.5)).hasToString("0.5");
        assertThat(Threshold.of(1)).hasToString("1.0");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(Threshold.of(0.25))).isEqualTo("0.25");
        assertThat(json.readValue("0.25", Threshold.class)).isEqualTo(Threshold.of(0.25));
    }

    @Test
    void theRepoConfigRefusesAnInfiniteThresholdLikeEveryOtherSource() {
        var reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);
        assertThatThrownBy(() -> reader.parse("test: t\nthreshold: 1e999\n", null)).isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("line 2").hasMessageContaining(Threshold.RULE);
        assertThatThrownBy(() -> reader.parse("test: t\nautomerge: 1e999\n", null))
                .isInstanceOf(RepoConfigException.class).hasMessageContaining("line 2");
    }

    @Test
    void validationTellsAMissingTestCommandByItsTypeNotItsWording() throws Exception {
        var reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);
        reader.validate("threshold: 0.2\n");
        assertThatThrownBy(() -> reader.parse("threshold: 0.2\n", null)).isInstanceOfSatisfying(
                RepoConfigException.class, e -> assertThat(e.problem()).isEqualTo(RepoConfigException.Problem.NO_TESTS));
        assertThatThrownBy(() -> reader.parse("threshold: -3\n", null)).isInstanceOfSatisfying(
                RepoConfigException.class, e -> assertThat(e.problem()).isEqualTo(RepoConfigException.Problem.INVALID));
    }
}
