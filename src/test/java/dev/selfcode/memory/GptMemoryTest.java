package dev.selfcode.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GptMemoryTest {

    @Inject
    GptMemory memory;

    @BeforeEach
    void clean() {
        QuarkusTransaction.requiringNew().run(() -> GptInteraction.deleteAll());
    }

    private static GptMemory.Interaction call(String repo, String prompt) {
        return new GptMemory.Interaction(GptInteraction.GENERATE, repo, "gpt-test", prompt, "```python\npass\n```",
                null, 120, 30, 850, List.of("lang:python", "file:src/a b.py"));
    }

    private static GptInteraction row(long id) {
        return QuarkusTransaction.requiringNew().call(() -> GptInteraction.<GptInteraction>findById(id));
    }

    @Test
    void logsEveryFieldOfACall() {
        long id = memory.log(call("acme/widgets", "normalize text please"));

        GptInteraction row = row(id);
        assertThat(row.purpose).isEqualTo("generate");
        assertThat(row.repo).isEqualTo("acme/widgets");
        assertThat(row.model).isEqualTo("gpt-test");
        assertThat(row.prompt).isEqualTo("normalize text please");
        assertThat(row.response).isEqualTo("```python\npass\n```");
        assertThat(row.error).isNull();
        assertThat(row.promptTokens).isEqualTo(120);
        assertThat(row.completionTokens).isEqualTo(30);
        assertThat(row.latencyMs).isEqualTo(850);
        assertThat(row.tags).isEqualTo("lang:python,file:src/a_b.py,improvement_path");
        assertThat(row.createdAt).isNotNull();
    }

    @Test
    void aLoggedCallSurvivesTheCallersRollback() {
        long[] id = new long[1];

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            id[0] = memory.log(call("acme/widgets", "doomed"));
            throw new IllegalStateException("the caller's own work fails");
        })).hasStackTraceContaining("the caller's own work fails");

        assertThat(row(id[0])).isNotNull();
    }

    @Test
    void capsOversizedValuesInsteadOfFailing() {
        String huge = "x".repeat(GptMemory.MAX_TEXT_CHARS + 10);
        long id = memory.log(new GptMemory.Interaction(GptInteraction.GENERATE, "r".repeat(300), "m".repeat(300),
                huge, huge, "e".repeat(20_000), null, null, 1, List.of("t".repeat(2_000))));

        GptInteraction row = row(id);
        assertThat(row.prompt).hasSize(GptMemory.MAX_TEXT_CHARS);
        assertThat(row.error).hasSize(GptMemory.MAX_ERROR_CHARS);
        assertThat(row.repo).hasSize(191);
        assertThat(row.tags).hasSize(GptMemory.MAX_TAGS_CHARS);
        assertThat(row.promptTokens).isNull();
    }

    @Test
    void outcomesReachTheCallsLinkedToAPatch() {
        long first = memory.log(call("acme/widgets", "one"));
        long second = memory.log(call("acme/widgets", "two"));
        long other = memory.log(call("acme/widgets", "three"));
        memory.linkToPatch(first, 42);
        memory.linkToPatch(second, 42);

        assertThat(memory.recordOutcome(42, "reverted")).isEqualTo(2);

        assertThat(row(first).outcome).isEqualTo("reverted");
        assertThat(row(second).patchId).isEqualTo(42);
        assertThat(row(other).outcome).isNull();
        assertThatThrownBy(() -> memory.recordOutcome(42, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void similarRanksTheRepositorysCallsByKeywordOverlap() {
        long slug = memory.log(call("acme/widgets", "Write a helper that turns titles into URL slugs"));
        long normalize = memory.log(call("acme/widgets", "Write a helper that normalizes whitespace in text"));
        memory.log(call("acme/widgets", "Parse the configuration file"));
        memory.log(call("other/repo", "normalize whitespace in text strings"));

        List<GptMemory.Match> matches = memory.similar("acme/widgets", "normalize the whitespace of some text", 5);

        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).interaction().id).isEqualTo(normalize);
        assertThat(matches).extracting(m -> m.interaction().repo).containsOnly("acme/widgets");
        assertThat(matches).extracting(m -> m.interaction().id).doesNotContain(slug);
        assertThat(matches.get(0).score()).isBetween(0.0, 1.0);
        assertThat(memory.similar("acme/widgets", "normalizeWhitespace", 1)).singleElement()
                .satisfies(m -> assertThat(m.interaction().id).isEqualTo(normalize));
        assertThat(memory.similar("acme/widgets", "the and for", 5)).isEmpty();
    }
}
