package dev.selfcode.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.selfcode.testsupport.FakeSecrets;

/** The storage boundary of {@code gpt_interaction}: prompt, answer and error are redacted before they are written. */
class GptInteractionRedactionTest {

    static final String TOKEN = FakeSecrets.GITHUB_TOKEN;

    @Test
    void promptAnswerAndErrorLoseTheirSecrets() {
        GptInteraction row = new GptInteraction();
        row.prompt = "Write a helper. Token: " + TOKEN;
        row.response = "```python\nGITHUB_TOKEN = \"" + TOKEN + "\"\n```";
        row.error = "HTTP 401 for key " + TOKEN;
        row.tags = "lang:python";

        row.redactSecrets();

        assertThat(row.prompt).isEqualTo("Write a helper. Token: [REDACTED github-token]");
        assertThat(row.response).isEqualTo("```python\nGITHUB_TOKEN = \"[REDACTED github-token]\"\n```");
        assertThat(row.error).isEqualTo("HTTP 401 for key [REDACTED github-token]");
        assertThat(row.tags).isEqualTo("lang:python");
    }
}
