package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/** With no reachable LLM the application still starts, the template generator works and "llm" fails clearly. */
@QuarkusTest
@TestProfile(OfflineStartTest.NoLlm.class)
class OfflineStartTest {

    /** An endpoint where nothing listens (port 1 on loopback). */
    public static class NoLlm implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.langchain4j.openai.base-url", "http://127.0.0.1:1/v1");
        }
    }

    @Inject
    CodeGenerators generators;

    private static final GenerationRequest REQUEST = new GenerationRequest("normalize text", "text.py", "python",
            "def clean(value):\n    return value.strip()\n", List.of(), List.of());

    @Test
    void theTemplateGeneratorWorksWithoutAnLlm() {
        assertThat(generators.names()).containsExactly("llm", "template");

        GeneratedCode code = generators.byName("template").generate(REQUEST);

        assertThat(code.code()).startsWith("def normalize_text(value):");
    }

    @Test
    void theLlmGeneratorReportsTheRefusedConnection() {
        assertThatThrownBy(() -> generators.byName("llm").generate(REQUEST))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(f.getMessage()).isEqualTo("LLM endpoint http://127.0.0.1:1/v1 refused the connection");
                });
    }

    @Test
    void anUnknownGeneratorIsBadInput() {
        assertThatThrownBy(() -> generators.byName("gpt")).isInstanceOfSatisfying(StageFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT);
            assertThat(f.getMessage()).contains("llm, template");
        });
    }
}
