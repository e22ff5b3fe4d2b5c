package dev.selfcode.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void countsWithTheRealCl100kVocabulary() {
        // "hello world" is two tokens in cl100k_base; a character heuristic would say three or four.
        assertThat(Tokens.cl100k().count("hello world")).isEqualTo(2);
        assertThat(Tokens.cl100k().count("")).isZero();
        assertThat(Tokens.cl100k().count(null)).isZero();
    }

    @Test
    void specialTokenTextCountsAsOrdinaryText() {
        assertThat(Tokens.cl100k().count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void knownModelsGetTheirOwnEncodingAndOthersCl100k() {
        assertThat(Tokens.forModel("gpt-4o").encodingName()).isEqualTo("o200k_base");
        assertThat(Tokens.forModel("gpt-4").encodingName()).isEqualTo("cl100k_base");
        assertThat(Tokens.forModel("llama3:8b").encodingName()).isEqualTo(Tokens.DEFAULT_ENCODING);
        assertThat(Tokens.forModel(null).encodingName()).isEqualTo(Tokens.DEFAULT_ENCODING);
    }
}
