package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The budget and breaker keys of {@code .github/selfcode.yml}: read, defaulted, and refused with line and problem. */
class GuardrailKeysTest {

    final RepoConfigReader reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);

    @Test
    void theKeysAreReadAndTheRestOfTheConfigIsUnchanged() throws Exception {
        RepoConfig c = reader.parse("test: pytest\nmax_open_prs: 2\nmax_patches_per_day: 7\n"
                + "max_tokens_per_day: 5000000000\nbreaker: 4\n", null);
        assertThat(c.guardrails()).isEqualTo(new RepoConfig.Guardrails(OptionalInt.of(2), OptionalInt.of(7),
                OptionalLong.of(5_000_000_000L), OptionalInt.of(4)));
        assertThat(c.test()).isEqualTo("pytest");
    }

    @Test
    void absentKeysLeaveTheServerDefaults() throws Exception {
        assertThat(reader.parse("test: pytest\n", null).guardrails()).isEqualTo(RepoConfig.Guardrails.SERVER_DEFAULTS);
        assertThat(reader.guardrails(null)).isEqualTo(RepoConfig.Guardrails.SERVER_DEFAULTS);
        assertThat(reader.guardrails("")).isEqualTo(RepoConfig.Guardrails.SERVER_DEFAULTS);
        // The App reads them from text that names no test command (inferred later from the checkout).
        assertThat(reader.guardrails("breaker: 5\n").breaker()).isEqualTo(OptionalInt.of(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test: t\\nmax_open_prs: 0           | 2 | max_open_prs must be at least 1, not 0",
            "test: t\\n\\nbreaker: -2             | 3 | breaker must be at least 1, not -2",
            "test: t\\nmax_patches_per_day: ten   | 2 | max_patches_per_day must be a whole number >= 1, e.g. 10",
            "test: t\\nmax_patches_per_day: 2.5   | 2 | max_patches_per_day must be a whole number >= 1, e.g. 10",
            "test: t\\nmax_tokens_per_day: 200k   | 2 | max_tokens_per_day must be a whole number >= 1, e.g. 200000",
            "test: t\\nmax_tokens_per_day: 0      | 2 | max_tokens_per_day must be at least 1, not 0",
            "test: t\\nbreaker: [3]               | 2 | breaker must be a whole number >= 1, e.g. 3"})
    void aBadValueNamesItsLineAndTheProblem(String yaml, int line, String says) {
        String text = yaml.strip().replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> reader.parse(text, null)).isInstanceOf(RepoConfigException.class)
                .hasMessage(".github/selfcode.yml line " + line + ": " + says);
        assertThatThrownBy(() -> reader.validate(text)).hasMessage(".github/selfcode.yml line " + line + ": " + says);
        assertThatThrownBy(() -> reader.guardrails(text)).hasMessage(".github/selfcode.yml line " + line + ": " + says);
    }

    @Test
    void aMisspeltKeyListsTheGuardrailKeys() {
        assertThatThrownBy(() -> reader.parse("test: t\nmax_prs: 2\n", null))
                .hasMessageContaining("line 2").hasMessageContaining("unknown key 'max_prs'")
                .hasMessageContaining("max_open_prs").hasMessageContaining("breaker");
    }
}
