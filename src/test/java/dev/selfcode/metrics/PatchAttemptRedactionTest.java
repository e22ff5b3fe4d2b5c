package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.selfcode.testsupport.FakeSecrets;

/** The storage boundary of {@code patch_history}: every text column is redacted before it is written. */
class PatchAttemptRedactionTest {

    static final String TOKEN = FakeSecrets.GITHUB_TOKEN;

    @Test
    void everyTextColumnLosesItsSecretsAndKeepsTheRest() {
        PatchAttempt a = new PatchAttempt();
        a.description = "use " + TOKEN;
        a.reasons = "REJECTED: guard\n\nGITHUB_TOKEN = \"" + TOKEN + "\"";
        a.decisionTable = "| roi | 1 |";
        a.diff = "+KEY = \"" + TOKEN + "\"\n+def f():\n+    return 1\n";

        a.redactSecrets();

        assertThat(a.description).isEqualTo("use [REDACTED github-token]");
        assertThat(a.reasons).isEqualTo("REJECTED: guard\n\nGITHUB_TOKEN = \"[REDACTED github-token]\"");
        assertThat(a.decisionTable).isEqualTo("| roi | 1 |");
        assertThat(a.diff).isEqualTo("+KEY = \"[REDACTED github-token]\"\n+def f():\n+    return 1\n");
    }

    @Test
    void emptyColumnsStayEmpty() {
        PatchAttempt a = new PatchAttempt();
        a.redactSecrets();
        assertThat(a.description).isNull();
        assertThat(a.diff).isNull();
    }
}
