package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.ChunkSpan;
import dev.selfcode.code.Chunker;
import dev.selfcode.code.Language;

/** A rewrite keeps the chunk's name and signature, and replaces exactly its lines: the rest stays byte for byte. */
class ReplaceChunkTest {

    static final String PY = "import os\n\n\ndef divide(x, y):\n    return x / y\n\n\nLIMIT = 3\n";
    static final String JAVA = "package demo;\n\npublic class Calc {\n    public static int divide(int a, int b) {\n"
            + "        return a / b;\n    }\n\n    public static int one() {\n        return 1;\n    }\n}\n";
    static final String JS = "'use strict';\r\n\r\nfunction divide(a, b) {\r\n  return a / b;\r\n}\r\n\r\n"
            + "module.exports = { divide };\r\n";

    static ChunkSpan span(Language language, String source, String symbol) {
        Chunk chunk = Chunker.chunk("f", language, source).stream().filter(c -> symbol.equals(c.symbol())).findFirst()
                .orElseThrow();
        return ChunkSpan.of(language, source, chunk).orElseThrow();
    }

    @Test
    void aPythonRewriteReplacesOnlyTheFunction() {
        ChunkSpan divide = span(Language.PYTHON, PY, "divide");
        String rewrite = "def divide(x, y):\n    \"\"\"0 when y is 0.\"\"\"\n    return 0 if y == 0 else x / y\n";
        assertThat(ReplaceChunk.problems(PY, divide, rewrite, Language.PYTHON)).isEmpty();
        assertThat(ReplaceChunk.apply(PY, divide, rewrite)).isEqualTo("import os\n\n\ndef divide(x, y):\n"
                + "    \"\"\"0 when y is 0.\"\"\"\n    return 0 if y == 0 else x / y\n\n\nLIMIT = 3\n");
        assertThat(ReplaceChunk.without(PY, divide)).isEqualTo("import os\n\n\n\n\nLIMIT = 3\n");
    }

    @Test
    void aChangedSignatureIsRefusedWithBothDeclarations() {
        ChunkSpan divide = span(Language.PYTHON, PY, "divide");
        assertThat(ReplaceChunk.problems(PY, divide, "def divide(x, y, default=0):\n    return default\n",
                Language.PYTHON)).containsExactly("the rewrite changes the signature of `divide` from "
                        + "`def divide(x, y)` to `def divide(x, y, default=0)`; a refactor must keep it");
        assertThat(ReplaceChunk.problems(PY, divide, "def divide( x,\n        y, ):\n    return 0\n", Language.PYTHON))
                .as("whitespace and a trailing comma are no change").isEmpty();
    }

    @Test
    void aRewriteOfAnotherNameOrWithMoreCodeIsRefused() {
        ChunkSpan divide = span(Language.PYTHON, PY, "divide");
        assertThat(ReplaceChunk.problems(PY, divide, "def safe_divide(x, y):\n    return 0\n", Language.PYTHON))
                .containsExactly("the rewrite does not define `divide`: it must be the whole chunk, rewritten");
        assertThat(ReplaceChunk.problems(PY, divide, "import math\n\n\ndef divide(x, y):\n    return 0\n",
                Language.PYTHON)).singleElement().asString().startsWith("the rewrite has code outside `divide`"
                        + " (its line 1: `import math`)");
        assertThat(ReplaceChunk.problems(PY, divide, "# Divides safely.\ndef divide(x, y):\n    return 0\n",
                Language.PYTHON)).as("a comment above it is part of the chunk").isEmpty();
    }

    @Test
    void aJavaMethodAnsweredAtColumnZeroIsIndentedAsAMemberAndItsSignatureKept() {
        ChunkSpan divide = span(Language.JAVA, JAVA, "divide");
        String rewrite = "public static int divide(int a, int b) {\n    return b == 0 ? 0 : a / b;\n}";
        assertThat(ReplaceChunk.problems(JAVA, divide, rewrite, Language.JAVA)).isEmpty();
        assertThat(ReplaceChunk.apply(JAVA, divide, rewrite)).isEqualTo(JAVA.replace("        return a / b;",
                "        return b == 0 ? 0 : a / b;"));
        assertThat(ReplaceChunk.problems(JAVA, divide, "public static long divide(int a, int b) {\n    return 0;\n}",
                Language.JAVA)).singleElement().asString().contains("from `public static int divide(int a, int b)`"
                        + " to `public static long divide(int a, int b)`");
    }

    @Test
    void aJavaScriptRewriteKeepsTheFilesCrlfLineEndings() {
        ChunkSpan divide = span(Language.JAVASCRIPT, JS, "divide");
        String rewrite = "function divide(a, b) {\n  return b === 0 ? 0 : a / b;\n}\n";
        assertThat(ReplaceChunk.problems(JS, divide, rewrite, Language.JAVASCRIPT)).isEmpty();
        assertThat(ReplaceChunk.apply(JS, divide, rewrite)).isEqualTo(JS.replace("return a / b;",
                "return b === 0 ? 0 : a / b;"));
        assertThat(ReplaceChunk.problems(JS, divide, "function divide(a, b, c) {\n  return 0;\n}", Language.JAVASCRIPT))
                .singleElement().asString().contains("`function divide(a, b)` to `function divide(a, b, c)`");
    }
}
