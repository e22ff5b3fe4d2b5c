package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the LLM counts as configured: an endpoint the user named, or a real key; never the bare defaults. */
class CodeGeneratorsTest {

    static final String DEFAULT = CodeGenerators.DEFAULT_BASE_URL;

    @Test
    void theDefaultsAloneAreNotAConfiguredLlm() {
        assertThat(CodeGenerators.configured(Optional.empty(), DEFAULT, "none")).isFalse();
        assertThat(CodeGenerators.configured(Optional.of(" "), DEFAULT, "")).isFalse();
    }

    @Test
    void aNamedEndpointOrARealKeyIs() {
        assertThat(CodeGenerators.configured(Optional.empty(), "http://localhost:11434/v1", "none")).isTrue();
        assertThat(CodeGenerators.configured(Optional.of(DEFAULT), DEFAULT, "none")).isTrue();
        assertThat(CodeGenerators.configured(Optional.empty(), DEFAULT, "sk-real")).isTrue();
    }
}
