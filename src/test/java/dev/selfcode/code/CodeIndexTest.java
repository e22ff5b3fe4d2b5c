package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CodeIndexTest {

    @Inject
    CodeIndex index;

    @TempDir
    Path dir;

    @Test
    void findsTheChunksThatShareTheRequestsWords() throws Exception {
        Files.writeString(dir.resolve("text.py"), "def normalize_whitespace(text):\n    return ' '.join(text.split())\n\n\n"
                + "def count_lines(text):\n    return len(text.splitlines())\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Money.java"), "class Money {\n    static long cents(double amount) {\n"
                + "        return Math.round(amount * 100);\n    }\n}\n");
        Files.createDirectories(dir.resolve("node_modules/x"));
        Files.writeString(dir.resolve("node_modules/x/normalize.js"), "function normalizeText() {}\n");
        String repo = "test/index-" + System.nanoTime();

        assertThat(index.index(repo, "a".repeat(40), dir)).isEqualTo(4);
        // The same commit is not indexed twice.
        assertThat(index.index(repo, "a".repeat(40), dir)).isZero();

        var hits = index.suggestSnippets(repo, "normalize text whitespace", Optional.empty(), 3);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).symbol()).isEqualTo("normalize_whitespace");
        assertThat(hits).noneMatch(c -> c.path().contains("node_modules"));
        assertThat(index.suggestSnippets(repo, "round money cents", Optional.empty(), 3).get(0).path())
                .isEqualTo("src/Money.java");
        assertThat(index.suggestSnippets(repo, "normalize text", Optional.of("text.py"), 3))
                .noneMatch(c -> c.path().equals("text.py"));

        // A new commit replaces the old records.
        Files.delete(dir.resolve("src/Money.java"));
        assertThat(index.index(repo, "b".repeat(40), dir)).isEqualTo(2);
        assertThat(index.suggestSnippets(repo, "money cents", Optional.empty(), 3)).isEmpty();
    }
}
