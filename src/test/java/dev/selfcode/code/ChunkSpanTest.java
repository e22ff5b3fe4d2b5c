package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a definition ends, and its signature, in the three languages a chunk can be rewritten in. */
class ChunkSpanTest {

    private static ChunkSpan span(Language language, String source, String symbol) {
        Chunk chunk = Chunker.chunk("f", language, source).stream().filter(c -> symbol.equals(c.symbol())).findFirst()
                .orElseThrow();
        return ChunkSpan.of(language, source, chunk).orElseThrow();
    }

    @Test
    void aPythonFunctionEndsWithItsLastIndentedLineNotWithTheModuleCodeAfterIt() {
        String src = """
                import os


                @cache
                def divide(x,
                           y=1,
                           ):
                    \"\"\"Divide.
                Column-0 text inside the docstring.
                \"\"\"
                    total = (x +
                0)
                    # a comment inside
                    return total / y

                # about LIMIT
                LIMIT = 3


                def other():
                    pass
                """;
        ChunkSpan divide = span(Language.PYTHON, src, "divide");
        assertThat(divide.startLine()).isEqualTo(4);
        assertThat(divide.endLine()).isEqualTo(14);
        assertThat(divide.text(src)).startsWith("@cache\ndef divide(x,").endsWith("    return total / y");
        assertThat(divide.header()).startsWith("def divide(x,").endsWith(")");
        assertThat(divide.signature()).isEqualTo("defdivide(x,y=1)");
        assertThat(span(Language.PYTHON, src, "other").endLine()).isEqualTo(21);
    }

    @Test
    void aJavaMethodEndsWithItsClosingBraceNotTheClasss() {
        String src = """
                package demo;

                public class Calc {
                    /** Divides. */
                    public static int divide(int a, int b)
                            throws ArithmeticException {
                        String s = "}";
                        return a / b; // }
                    }
                }
                """;
        ChunkSpan divide = span(Language.JAVA, src, "divide");
        assertThat(divide.startLine()).isEqualTo(4);
        assertThat(divide.endLine()).isEqualTo(9);
        assertThat(divide.signature()).isEqualTo("publicstaticintdivide(inta,intb)throwsArithmeticException");
        ChunkSpan calc = span(Language.JAVA, src, "Calc");
        assertThat(calc.endLine()).isEqualTo(10);
        assertThat(calc.signature()).isEqualTo("publicclassCalc");
    }

    @Test
    void javaScriptFunctionsArrowsAndTemplateLiterals() {
        String src = """
                'use strict';

                function divide(a, b) {
                  const msg = `{ ${a} }`;
                  return a / b;
                }

                const half = (x) => x / 2;
                const twice = (x) =>
                  x * 2
                module.exports = { divide, half, twice };
                """;
        ChunkSpan divide = span(Language.JAVASCRIPT, src, "divide");
        assertThat(divide.startLine()).isEqualTo(3);
        assertThat(divide.endLine()).isEqualTo(6);
        assertThat(divide.signature()).isEqualTo("functiondivide(a,b)");
        ChunkSpan half = span(Language.JAVASCRIPT, src, "half");
        assertThat(half.endLine()).isEqualTo(8);
        assertThat(half.signature()).isEqualTo("consthalf=(x)=>");
        assertThat(span(Language.JAVASCRIPT, src, "twice").endLine()).isEqualTo(10);
    }

    @Test
    void findLooksForTheNamedDefinitionInARewrite() {
        assertThat(ChunkSpan.find(Language.PYTHON, "def divide(x, y):\n    return 0\n", "divide"))
                .get().extracting(ChunkSpan::signature).isEqualTo("defdivide(x,y)");
        assertThat(ChunkSpan.find(Language.PYTHON, "def safe_divide(x, y):\n    return 0\n", "divide")).isEmpty();
    }
}
