package dev.selfcode.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void capKeepsTheHeadAndSaysHowMuchWasCut() {
        assertThat(Text.cap(null, 5)).isNull();
        assertThat(Text.cap("short", 5)).isEqualTo("short");
        String capped = Text.cap("x".repeat(100), 40);
        assertThat(capped).hasSize(40).endsWith("\n... (60 more characters cut)");
        assertThat(Text.cap("y".repeat(100), 40, " [%d cut]")).isEqualTo("y".repeat(31) + " [60 cut]");
    }

    @Test
    void capNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00".repeat(50);
        String capped = Text.cap(emoji, 41);
        String head = capped.substring(0, capped.indexOf('\n'));
        assertThat(Character.isHighSurrogate(head.charAt(head.length() - 1))).isFalse();
    }

    @Test
    void linesAndExcerpts() {
        assertThat(Text.firstLine("  one\ntwo", 10)).isEqualTo("one");
        assertThat(Text.firstLine("abcdefghijk", 3)).isEqualTo("abc…");
        assertThat(Text.firstLine(null, 3)).isEmpty();
        assertThat(Text.oneLine("a\nb\n", 10)).isEqualTo("a b");
        assertThat(Text.shorten("abcdef", 4, "...")).isEqualTo("abcd...");
        assertThat(Text.tail("abcdef", 2)).isEqualTo("...ef");
        assertThat(Text.tail("ab", 2)).isEqualTo("ab");
    }

    @Test
    void numbersAsTablesAndRulesShowThem() {
        assertThat(Text.fixed(1.5)).isEqualTo("1.500");
        assertThat(Text.signed(0.25)).isEqualTo("+0.250");
        assertThat(Text.signed(-1)).isEqualTo("-1.000");
        assertThat(Text.compact(1)).isEqualTo("1");
        assertThat(Text.compact(0.5)).isEqualTo("0.5");
        assertThat(Text.compact(0.125)).isEqualTo("0.125");
    }
}
