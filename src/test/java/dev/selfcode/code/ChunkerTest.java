package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void pythonChunksAtTopLevelDefinitionsWithDecorators() {
        String src = """
                import re


                def slugify(text):
                    return re.sub("x", "y", text)


                @cache
                def strip_all(text):
                    def inner():
                        pass
                    return text.strip()


                class Box:
                    def open(self):
                        pass
                """;
        List<Chunk> chunks = Chunker.chunk("u.py", Language.PYTHON, src);
        assertThat(chunks).extracting(Chunk::symbol).containsExactly("slugify", "strip_all", "Box");
        Chunk strip = chunks.get(1);
        assertThat(strip.content()).startsWith("@cache").contains("return text.strip()");
        assertThat(strip.startLine()).isEqualTo(8);
        assertThat(strip.endLine()).isEqualTo(12);
    }

    @Test
    void javaChunksAtMethods() {
        String src = """
                package a;

                public class Util {

                    static String trim(String s) {
                        return s.trim();
                    }

                    public static int twice(int x) {
                        if (x > 0) {
                            return 2 * x;
                        }
                        return 0;
                    }
                }
                """;
        assertThat(Chunker.chunk("Util.java", Language.JAVA, src)).extracting(Chunk::symbol)
                .containsExactly("Util", "trim", "twice");
    }

    @Test
    void javascriptChunksAtFunctionsAndConsts() {
        String src = "export function a(x) {\n  return x;\n}\n\nconst b = (y) => y * 2;\n\nclass C {}\n";
        assertThat(Chunker.chunk("a.js", Language.JAVASCRIPT, src)).extracting(Chunk::symbol)
                .containsExactly("a", "b", "C");
    }

    @Test
    void fileWithoutDefinitionsIsOneChunk() {
        assertThat(Chunker.chunk("x.py", Language.PYTHON, "X = 1\nY = 2\n")).singleElement()
                .extracting(Chunk::symbol).isNull();
        assertThat(Chunker.chunk("x.py", Language.PYTHON, "  \n")).isEmpty();
    }
}
