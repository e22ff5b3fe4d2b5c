package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Retrieval quality on a labelled set from a real published package ({@link LabelledFunctions}): top-3 recall of the
 * keyword side alone, the vector side alone and the fused ranking. The fusion's keyword weight was picked on the
 * tuning half of the pairs ({@code -Dretrieval.split=tuning} runs that half and prints recall per weight); the
 * reported figures are on the held-out half, never looked at while choosing anything.
 */
@QuarkusTest
class CodeSearchQualityTest {

    static final int K = 3;

    @Inject
    CodeIndex index;

    @TempDir
    Path worktree;

    @Test
    void combinedSearchFindsMoreThanEitherSideAlone() throws Exception {
        boolean tuning = "tuning".equals(System.getProperty("retrieval.split"));
        List<LabelledFunctions.Pair> all = LabelledFunctions.extract(worktree);
        String repo = "test/lodash-" + System.nanoTime();
        CodeIndex.IndexRun run = index.index(repo, "1".repeat(40), worktree);
        List<LabelledFunctions.Pair> pairs = all.stream().filter(p -> p.heldOut() != tuning).toList();

        assertThat(pairs).hasSizeGreaterThanOrEqualTo(50);
        int keyword = 0;
        int vector = 0;
        int combined = 0;
        for (LabelledFunctions.Pair p : pairs) {
            keyword += found(repo, p, RepoSearch.Rank.KEYWORD);
            vector += found(repo, p, RepoSearch.Rank.VECTOR);
            combined += found(repo, p, RepoSearch.Rank.COMBINED);
        }
        if (tuning) {
            sweepKeywordWeight(repo, pairs);
        }
        System.out.printf(Locale.ROOT, "=== Code search top-%d recall, lodash 4.17.21, %s split: %d pairs, %d chunks"
                + " indexed%n  keyword %.3f  vector %.3f  combined %.3f%n", K, tuning ? "tuning" : "held-out",
                pairs.size(), run.chunks(), keyword / (double) pairs.size(), vector / (double) pairs.size(),
                combined / (double) pairs.size());
        assertThat(combined).as("combined beats keyword alone").isGreaterThan(keyword);
        assertThat(combined).as("combined beats vector alone").isGreaterThan(vector);
    }

    /** On the tuning split only: top-3 recall of the fusion for keyword weights 0, 0.1, ..., 1 (printed). */
    private void sweepKeywordWeight(String repo, List<LabelledFunctions.Pair> pairs) {
        int[] hits = new int[11];
        for (LabelledFunctions.Pair p : pairs) {
            List<Snippet> all = index.scoredSnippets(repo, p.description(), Optional.empty(),
                    2 * RepoSearch.CANDIDATES, RepoSearch.Rank.COMBINED);
            double[] kw = all.stream().mapToDouble(Snippet::keyword).toArray();
            double[] vec = all.stream().mapToDouble(Snippet::vector).toArray();
            for (int w = 0; w <= 10; w++) {
                HybridScore fusion = new HybridScore(kw, vec, w / 10.0);
                boolean top = all.stream().sorted(java.util.Comparator.comparingDouble(
                        (Snippet s) -> -fusion.combine(s.keyword(), s.vector()))).limit(K)
                        .anyMatch(s -> s.chunk().path().equals(p.path()) && p.symbol().equals(s.chunk().symbol()));
                hits[w] += top ? 1 : 0;
            }
        }
        for (int w = 0; w <= 10; w++) {
            System.out.printf(Locale.ROOT, "tuning: keyword weight %.1f -> top-%d recall %.3f%n", w / 10.0, K,
                    hits[w] / (double) pairs.size());
        }
    }

    private int found(String repo, LabelledFunctions.Pair p, RepoSearch.Rank rank) {
        List<Snippet> top = index.scoredSnippets(repo, p.description(), Optional.empty(), K, rank);
        if (Boolean.getBoolean("retrieval.show")) {
            System.out.printf(Locale.ROOT, "%s %s <- %s%n    %s%n", rank, p.symbol(), p.description(), top.stream()
                    .map(s -> String.format(Locale.ROOT, "%s:%s kw=%.2f vec=%.2f comb=%.2f", s.chunk().path(),
                            s.chunk().symbol(), s.keyword(), s.vector(), s.combined()))
                    .toList());
        }
        return top.stream().anyMatch(s -> s.chunk().path().equals(p.path()) && p.symbol().equals(s.chunk().symbol())) ? 1 : 0;
    }
}
