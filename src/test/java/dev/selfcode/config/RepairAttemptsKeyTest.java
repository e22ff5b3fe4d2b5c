package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code repair_attempts} key: 2 when absent, 0 to 5 when given, anything else refused with line and problem. */
class RepairAttemptsKeyTest {

    final RepoConfigReader reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);

    @Test
    void absentMeansTwoAndTheBoundsAreAccepted() throws Exception {
        assertThat(reader.parse("test: pytest\n", null).repairAttempts()).isEqualTo(2);
        assertThat(reader.parse("test: pytest\nrepair_attempts: 0\n", null).repairAttempts()).isZero();
        assertThat(reader.parse("test: pytest\nrepair_attempts: 5\n", null).repairAttempts()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test: t\\nrepair_attempts: 6       | 2 | repair_attempts must be a whole number from 0 to 5 (default 2), e.g. 2, not 6",
            "test: t\\n\\nrepair_attempts: -1   | 3 | repair_attempts must be a whole number from 0 to 5 (default 2), e.g. 2, not -1",
            "test: t\\nrepair_attempts: two     | 2 | repair_attempts must be a whole number from 0 to 5 (default 2), e.g. 2",
            "test: t\\nrepair_attempts: 1.5     | 2 | repair_attempts must be a whole number from 0 to 5 (default 2), e.g. 2"})
    void aBadValueNamesItsLineAndTheBounds(String yaml, int line, String says) {
        String text = yaml.strip().replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> reader.parse(text, null)).isInstanceOf(RepoConfigException.class)
                .hasMessage(".github/selfcode.yml line " + line + ": " + says);
        assertThatThrownBy(() -> reader.validate(text)).hasMessage(".github/selfcode.yml line " + line + ": " + says);
    }

    @Test
    void aMisspeltKeyListsIt() {
        assertThatThrownBy(() -> reader.parse("test: t\nrepairs: 2\n", null)).hasMessageContaining("line 2")
                .hasMessageContaining("repair_attempts");
    }
}
