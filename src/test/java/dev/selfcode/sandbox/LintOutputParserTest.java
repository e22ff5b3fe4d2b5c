package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LintOutputParserTest {

    @Test
    void countsPathLineColumnFindings() {
        String flake8 = """
                ./pkg/a.py:1:1: F401 'os' imported but unused
                ./pkg/a.py:3:80: E501 line too long (99 > 79 characters)
                pkg/b.py:10: error: Incompatible types
                Found 3 errors.
                """;
        assertThat(LintOutputParser.findings(flake8, 1)).isEqualTo(3);
    }

    @Test
    void aFailingLinterWithoutFindingsCountsOnce() {
        assertThat(LintOutputParser.findings("sh: 1: ruff: not found\n", 127)).isEqualTo(1);
        assertThat(LintOutputParser.findings("", 2)).isEqualTo(1);
    }

    @Test
    void cleanOutputIsZero() {
        assertThat(LintOutputParser.findings("", 0)).isZero();
        assertThat(LintOutputParser.findings("All checks passed!\n", 0)).isZero();
        assertThat(LintOutputParser.findings("time: 12:30: ok\n", 0)).isZero();
    }

    @Test
    void pathologicalLinesAreCheap() {
        String line = "a".repeat(200_000) + ":1:1: x\n";
        assertThat(LintOutputParser.findings(line.repeat(5), 1)).isEqualTo(1);
    }
}
