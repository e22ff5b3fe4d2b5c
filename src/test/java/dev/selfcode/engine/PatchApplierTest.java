package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Chunker;
import dev.selfcode.code.Language;

class PatchApplierTest {

    @Test
    void pythonHelperIsAppendedAfterTwoBlankLines() {
        String out = PatchApplier.apply("def a():\n    return 1\n\n", "def b():\n    return 2", Language.PYTHON,
                Optional.empty());
        assertThat(out).isEqualTo("def a():\n    return 1\n\n\ndef b():\n    return 2\n");
    }

    @Test
    void pythonHelperIsInsertedAfterTheChosenChunk() {
        String src = "def a():\n    return 1\n\n\ndef c():\n    return 3\n";
        Chunk a = Chunker.chunk("u.py", Language.PYTHON, src).get(0);
        String out = PatchApplier.apply(src, "def b():\n    return 2\n", Language.PYTHON, Optional.of(a));
        assertThat(out).isEqualTo("def a():\n    return 1\n\n\ndef b():\n    return 2\n\n\ndef c():\n    return 3\n");
    }

    @Test
    void javaMemberGoesInsideTheClass() {
        String src = "class U {\n    int a() { return 1; }\n}\n";
        String out = PatchApplier.apply(src, "static int b() {\n    return 2;\n}", Language.JAVA, Optional.empty());
        assertThat(out)
                .isEqualTo("class U {\n    int a() { return 1; }\n\n    static int b() {\n        return 2;\n    }\n}\n");
    }

    @Test
    void javaClassIsAppendedAsNonPublicTopLevelType() {
        String out = PatchApplier.apply("public class U {\n}\n", "public final class V {\n}", Language.JAVA,
                Optional.empty());
        assertThat(out).isEqualTo("public class U {\n}\n\nfinal class V {\n}\n");
    }

    @Test
    void javascriptHelperIsAppended() {
        assertThat(PatchApplier.apply("const a = 1;\n", "function b() {\n  return 2;\n}", Language.JAVASCRIPT,
                Optional.empty())).isEqualTo("const a = 1;\n\nfunction b() {\n  return 2;\n}\n");
    }
}
