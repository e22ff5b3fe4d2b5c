package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

class CodeExtractorTest {

    private static final String PY = "def normalize_text(value):\n    return \" \".join(value.split()).lower()\n";

    @Test
    void takesTheFencedBlockInTheRequestedLanguage() {
        String answer = "Here is the helper:\n\n```python\n" + PY + "```\n\nIt collapses whitespace.";
        assertThat(CodeExtractor.extract(answer, "python")).isEqualTo(PY);
    }

    @Test
    void acceptsLanguageAliasesAndSkipsBlocksInOtherLanguages() {
        String answer = "Install nothing:\n```bash\npip install nothing\n```\n```py\n" + PY + "```\n";
        assertThat(CodeExtractor.extract(answer, "Python")).isEqualTo(PY);
    }

    @Test
    void takesAnUntaggedBlockThatLooksLikeCode() {
        assertThat(CodeExtractor.extract("```\n" + PY + "```", "python")).isEqualTo(PY);
    }

    @Test
    void takesABareAnswerThatIsCode() {
        assertThat(CodeExtractor.extract("\n\n" + PY + "\n", "python")).isEqualTo(PY);
        String java = "static String normalizeText(String value) {\n    return value.strip();\n}\n";
        assertThat(CodeExtractor.extract(java, "java")).isEqualTo(java);
        String js = "function normalizeText(value) {\n  return value.trim();\n}\n";
        assertThat(CodeExtractor.extract(js, "javascript")).isEqualTo(js);
    }

    @Test
    void keepsIndentationAndNormalisesLineEnds() {
        String java = "    /** Doc. */\n    static int twice(int x) {\n        return 2 * x;\n    }\n";
        String answer = ("```java\n" + java + "```").replace("\n", "\r\n");
        assertThat(CodeExtractor.extract(answer, "java")).isEqualTo(java);
    }

    @Test
    void anUnclosedFenceRunsToTheEnd() {
        assertThat(CodeExtractor.extract("```javascript\nconst twice = (x) => 2 * x;\n", "js"))
                .isEqualTo("const twice = (x) => 2 * x;\n");
    }

    @Test
    void aLongerFenceMayContainShortOnes() {
        String code = "def doc():\n    \"\"\"Example:\n    ```\n    doc()\n    ```\n    \"\"\"\n    return 1\n";
        assertThat(CodeExtractor.extract("````python\n" + code + "````\n", "python")).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I'm sorry, but I can't help with that request.",
            "Sure! You could write a function that lowercases the text and strips it.",
            "   \n\n  ",
            "```\nThis is not code, just words in a box.\n```",
            "```python\n# TODO: write the helper\n```",
    })
    void rejectsAnswersWithoutCode(String answer) {
        assertThatThrownBy(() -> CodeExtractor.extract(answer, "python"))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                    assertThat(f.getMessage()).isEqualTo("the model's answer contained no code");
                    assertThat(f.detail()).isEqualTo(answer);
                });
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> CodeExtractor.extract(null, "python")).isInstanceOfSatisfying(StageFailure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.REJECTED));
    }

    @Test
    void rejectsCodeInTheWrongLanguage() {
        String answer = "```javascript\nfunction f() { return 1; }\n```";
        assertThatThrownBy(() -> CodeExtractor.extract(answer, "python")).isInstanceOfSatisfying(StageFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                    assertThat(f.getMessage()).contains("javascript").contains("python");
                });
    }

    @Test
    void rejectsARunawayAnswer() {
        String huge = "```python\ndef f():\n" + "    x = 1\n".repeat(20_000) + "```";
        assertThatThrownBy(() -> CodeExtractor.extract(huge, "python")).isInstanceOfSatisfying(StageFailure.class,
                f -> assertThat(f.getMessage()).contains("too large"));
    }
}
