package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.FileChunks.FileChunk;
import dev.selfcode.text.Tokens;

class FileChunksTest {

    private static final Tokens TOKENS = Tokens.cl100k();

    /** A Python module: imports, then {@code n} functions. */
    static String module(int n) {
        StringBuilder s = new StringBuilder("import math\nimport re\n\nLIMIT = 10\n\n");
        for (int i = 0; i < n; i++) {
            s.append("\n\ndef step_").append(i).append("(value):\n    \"\"\"Step ").append(i)
                    .append(" of the pipeline.\"\"\"\n    return math.sqrt(value) + ").append(i).append("\n");
        }
        return s.toString();
    }

    @Test
    void theChunksCoverEveryLineOnceOnePerDefinitionAfterTheTopOfTheFile() {
        String source = module(5);
        // A low threshold: no definition is small enough to share its chunk.
        List<FileChunk> chunks = FileChunks.split(Language.PYTHON, source, 200, TOKENS::count);

        assertThat(chunks).extracting(FileChunk::label).containsExactly("(top of file)", "step_0", "step_1", "step_2",
                "step_3", "step_4");
        assertThat(chunks.stream().map(FileChunk::text).collect(Collectors.joining("\n"))).isEqualTo(source);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startLine()).isEqualTo(chunks.get(i - 1).endLine() + 1);
        }
        assertThat(chunks.get(3).text()).startsWith("def step_2(value):");
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isEqualTo(TOKENS.count(c.text())));
    }

    @Test
    void aDefinitionAboveTheThresholdIsCutBetweenLinesIntoPiecesUnderIt() {
        StringBuilder big = new StringBuilder("def big(rows):\n    total = 0\n");
        for (int i = 0; i < 400; i++) {
            big.append("    total += rows[").append(i).append("] * ").append(i).append("  # weight of row ").append(i)
                    .append('\n');
        }
        big.append("    return total\n");
        String source = module(1) + "\n\n" + big;

        List<FileChunk> chunks = FileChunks.split(Language.PYTHON, source, 500, TOKENS::count);

        List<FileChunk> pieces = chunks.stream().filter(c -> "big".equals(c.symbol())).toList();
        assertThat(pieces.size()).isGreaterThan(3);
        assertThat(pieces).allSatisfy(p -> assertThat(p.tokens()).isLessThan(500));
        assertThat(pieces).extracting(FileChunk::part).startsWith(1, 2, 3);
        assertThat(pieces.get(1).label()).isEqualTo("big (part 2)");
        assertThat(chunks.stream().map(FileChunk::text).collect(Collectors.joining("\n"))).isEqualTo(source);
    }

    @Test
    void smallDefinitionsShareChunksAndEveryDefinitionIsInOneChunk() {
        String source = module(200);

        List<FileChunk> chunks = FileChunks.split(Language.PYTHON, source, 3500, TOKENS::count);

        assertThat(chunks.size()).isLessThan(100).isGreaterThan(20);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThan(3500));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("step_" + i);
        }
        assertThat(chunks.stream().flatMap(c -> c.symbols().stream()).toList()).isEqualTo(expected);
        assertThat(chunks.stream().map(FileChunk::text).collect(Collectors.joining("\n"))).isEqualTo(source);
        FileChunk grouped = chunks.stream().filter(c -> c.symbol() != null && c.symbols().size() > 1).findFirst()
                .orElseThrow();
        assertThat(grouped.label()).isEqualTo(grouped.symbols().get(0) + " .. "
                + grouped.symbols().get(grouped.symbols().size() - 1) + " (" + grouped.symbols().size() + " definitions)");
    }

    @Test
    void anEditChangesTheHashOfTheEditedChunkOnly() {
        String before = module(60);
        String after = before.replace("return math.sqrt(value) + 7\n", "return math.sqrt(value) * 7 + 1\n");

        List<String> old = FileChunks.split(Language.PYTHON, before, 3500, TOKENS::count).stream().map(FileChunk::hash)
                .toList();
        List<FileChunk> now = FileChunks.split(Language.PYTHON, after, 3500, TOKENS::count);

        List<FileChunk> changed = now.stream().filter(c -> !old.contains(c.hash())).toList();
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).defines("step_7")).isTrue();
        assertThat(now).hasSameSizeAs(old);
    }

    @Test
    void aJavaFileIsCutAtItsTypeAndMembers() {
        String source = "package p;\n\nimport java.util.List;\n\npublic class Calc {\n\n    private int base = 1;\n\n"
                + "    public int add(int a, int b) {\n        return a + b + base;\n    }\n\n"
                + "    /** Twice. */\n    static int twice(int a) {\n        return 2 * a;\n    }\n}\n";

        List<FileChunk> chunks = FileChunks.split(Language.JAVA, source, 100, TOKENS::count);

        // javac's members: the field is a definition too.
        assertThat(chunks).extracting(FileChunk::label).containsExactly("(top of file)", "Calc", "base", "add", "twice");
        assertThat(chunks.get(4).text()).startsWith("\n    /** Twice. */");
        assertThat(chunks.stream().map(FileChunk::text).collect(Collectors.joining("\n"))).isEqualTo(source);
    }

    @Test
    void javaDefinitionsComeFromJavacsTreeNotFromLinesThatLookLikeThem() {
        String source = """
                package p;

                public class Tricky {
                    static final String BRACES = "}{ class Fake { void nope() {";

                    /** The larger. */
                    @Deprecated
                    @SuppressWarnings("unused")
                    public static <T extends Comparable<T>>
                            T max(T a, T b) {
                        return a.compareTo(b) >= 0 ? a : b;
                    }
                    /*
                    void commented() { }
                    */
                    int size() { return 0; }
                }
                """;

        List<FileChunk> chunks = FileChunks.split(Language.JAVA, source, 200, TOKENS::count);

        List<String> names = chunks.stream().flatMap(c -> c.symbols().stream()).toList();
        assertThat(names).containsExactly("Tricky", "BRACES", "max", "size");
        FileChunk max = chunks.stream().filter(c -> c.defines("max")).findFirst().orElseThrow();
        assertThat(max.text()).startsWith("\n    /** The larger. */\n    @Deprecated").contains("T max(T a, T b)");
        assertThat(chunks.stream().map(FileChunk::text).collect(Collectors.joining("\n"))).isEqualTo(source);
    }

    @Test
    void javaThatJavacCannotParseFallsBackToTheSplitter() {
        String source = "public class Broken {\n    int a() { return 1; }\n    int b( {\n}\n";

        List<FileChunk> chunks = FileChunks.split(Language.JAVA, source, 100, TOKENS::count);

        assertThat(chunks.stream().map(FileChunk::text).collect(Collectors.joining("\n"))).isEqualTo(source);
        assertThat(chunks.stream().flatMap(c -> c.symbols().stream()).toList()).contains("Broken");
    }
}
