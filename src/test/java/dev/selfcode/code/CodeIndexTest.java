package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.embedding.Embedder;
import dev.selfcode.embedding.Vectors;

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

        assertThat(index.index(repo, "a".repeat(40), dir).chunks()).isEqualTo(4);
        // The same commit is not indexed twice.
        assertThat(index.index(repo, "a".repeat(40), dir).chunks()).isZero();

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
        assertThat(index.index(repo, "b".repeat(40), dir).chunks()).isEqualTo(2);
        assertThat(index.suggestSnippets(repo, "money cents", Optional.empty(), 3))
                .isNotEmpty().noneMatch(c -> c.path().equals("src/Money.java"));
    }

    @Test
    void aNewCommitEmbedsOnlyTheChunksItChanged() throws Exception {
        Files.writeString(dir.resolve("shapes.py"), "def area(w, h):\n    return w * h\n\n\n"
                + "def perimeter(w, h):\n    return 2 * (w + h)\n\n\ndef diagonal(w, h):\n    return (w * w + h * h) ** 0.5\n");
        Files.writeString(dir.resolve("greet.js"), "function hello(name) {\n  return 'hello ' + name;\n}\n\n"
                + "function bye(name) {\n  return 'bye ' + name;\n}\n");
        String repo = "test/incremental-" + System.nanoTime();
        assertThat(index.index(repo, "a".repeat(40), dir)).isEqualTo(new CodeIndex.IndexRun(5, 5));
        Map<String, Long> idsBefore = ids(repo);

        // One function body edited, and a line added above the next one (which moves but does not change).
        Files.writeString(dir.resolve("shapes.py"), "def area(w, h):\n    return abs(w * h)\n\n\n"
                + "def perimeter(w, h):\n    return 2 * (w + h)\n\n\ndef diagonal(w, h):\n    return (w * w + h * h) ** 0.5\n");
        assertThat(index.index(repo, "b".repeat(40), dir)).isEqualTo(new CodeIndex.IndexRun(5, 1));

        Map<String, Long> idsAfter = ids(repo);
        assertThat(idsAfter.keySet()).containsExactlyInAnyOrder("area", "perimeter", "diagonal", "hello", "bye");
        for (String kept : List.of("perimeter", "diagonal", "hello", "bye")) {
            assertThat(idsAfter.get(kept)).as(kept + " keeps its record").isEqualTo(idsBefore.get(kept));
        }
        assertThat(idsAfter.get("area")).isNotEqualTo(idsBefore.get("area"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> CodeRecord.<CodeRecord>list("repo", repo)))
                .allSatisfy(r -> {
                    assertThat(r.commitSha).isEqualTo("b".repeat(40));
                    assertThat(Vectors.fromBytes(r.embedding)).hasSize(Embedder.DIMENSIONS);
                    assertThat(r.embeddingModel).isEqualTo(Embedder.MODEL);
                });
        // The search follows the new commit: the new body is what is found.
        Snippet top = index.scoredSnippets(repo, "absolute value of the area", Optional.empty(), 1).get(0);
        assertThat(top.chunk().content()).contains("abs(w * h)");

        // A chunk whose content moved to another file reuses the vector too: nothing is embedded.
        Files.writeString(dir.resolve("more.py"), "def perimeter(w, h):\n    return 2 * (w + h)\n");
        assertThat(index.index(repo, "c".repeat(40), dir)).isEqualTo(new CodeIndex.IndexRun(6, 0));
    }

    @Test
    void aSearchFollowsARecommitThatKeptEveryRecordItFinds() throws Exception {
        Files.writeString(dir.resolve("tax.py"), "def vat_rate(country):\n    return RATES.get(country, 0.2)\n");
        String repo = "test/followed-" + System.nanoTime();
        index.index(repo, "a".repeat(40), dir);
        assertThat(index.suggestSnippets(repo, "sales tax invoice total", Optional.empty(), 1))
                .extracting(Chunk::symbol).containsExactly("vat_rate");

        // The next commit keeps vat_rate's record as it was (only restamped) and adds a better match: the search
        // built at the first commit still finds vat_rate, whose record now says another commit, so it is rebuilt.
        Files.writeString(dir.resolve("invoice.py"),
                "def invoice_total_with_sales_tax(invoice):\n    return invoice.net * (1 + invoice.sales_tax)\n");
        assertThat(index.index(repo, "b".repeat(40), dir)).isEqualTo(new CodeIndex.IndexRun(2, 1));
        assertThat(ids(repo)).containsKey("vat_rate");
        assertThat(index.suggestSnippets(repo, "sales tax invoice total", Optional.empty(), 1))
                .extracting(Chunk::symbol).containsExactly("invoice_total_with_sales_tax");
    }

    @Test
    void aNewCommitUpdatesTheSearchWithTheRecordsItChangedInsteadOfRebuildingIt() throws Exception {
        for (int i = 0; i < 8; i++) {
            Files.writeString(dir.resolve("m" + i + ".py"), "def helper_" + i + "(x):\n    return x + " + i + "\n");
        }
        Files.writeString(dir.resolve("tax.py"), "def vat_rate(country):\n    return RATES.get(country, 0.2)\n");
        String repo = "test/updated-" + System.nanoTime();
        index.index(repo, "a".repeat(40), dir);
        assertThat(index.suggestSnippets(repo, "vat rate for a country", Optional.empty(), 1))
                .extracting(Chunk::symbol).containsExactly("vat_rate");
        assertThat(index.cachedSearch(repo).orElseThrow().segments()).isEqualTo(1);

        // The next commit rewrites one function: its old record is deleted, the new one added.
        Files.writeString(dir.resolve("tax.py"), "def sales_tax_rate(region):\n    return TAXES.get(region, 0.1)\n");
        assertThat(index.index(repo, "b".repeat(40), dir)).isEqualTo(new CodeIndex.IndexRun(9, 1));
        assertThat(index.suggestSnippets(repo, "sales tax rate of a region", Optional.empty(), 1))
                .extracting(Chunk::symbol).containsExactly("sales_tax_rate");
        RepoSearch updated = index.cachedSearch(repo).orElseThrow();
        assertThat(updated.sha).isEqualTo("b".repeat(40));
        assertThat(updated.segments()).isEqualTo(2); // the first commit's documents kept, the changed one added
        assertThat(updated.size).isEqualTo(9);
        assertThat(index.suggestSnippets(repo, "vat rate for a country", Optional.empty(), 9))
                .extracting(Chunk::symbol).doesNotContain("vat_rate");
    }

    @Test
    void eachSnippetSaysHowItWasFound() throws Exception {
        Files.writeString(dir.resolve("util.py"), "def parse_iso_date(text):\n    return datetime.fromisoformat(text)\n\n\n"
                + "def retry_with_backoff(call, attempts):\n    for i in range(attempts):\n        try:\n"
                + "            return call()\n        except OSError:\n            time.sleep(2 ** i)\n");
        String repo = "test/scores-" + System.nanoTime();
        index.index(repo, "a".repeat(40), dir);

        List<Snippet> hits = index.scoredSnippets(repo, "parse a date", Optional.empty(), 2);
        assertThat(hits).extracting(h -> h.chunk().symbol()).containsExactly("parse_iso_date", "retry_with_backoff");
        Snippet best = hits.get(0);
        assertThat(best.keyword()).isPositive();
        assertThat(best.vector()).isBetween(-1.0, 1.0).isGreaterThan(hits.get(1).vector());
        assertThat(best.combined()).isEqualTo(1.0);
        // The other chunk shares no word with the request: its keyword score is 0, its rank comes from meaning alone.
        assertThat(hits.get(1).keyword()).isZero();
        assertThat(hits.get(1).combined()).isZero();
        // Meaning without shared words: "wait longer after each failure" names nothing in the code.
        assertThat(index.scoredSnippets(repo, "try again and wait longer after each failure", Optional.empty(), 1)
                .get(0).chunk().symbol()).isEqualTo("retry_with_backoff");
    }

    private static Map<String, Long> ids(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> CodeRecord.<CodeRecord>list("repo", repo).stream()
                .collect(Collectors.toMap(r -> r.symbol, r -> r.id)));
    }
}
