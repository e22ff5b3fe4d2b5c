package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.embedding.Embedder;

class HybridScoreTest {

    @Test
    void eachSideIsNormalisedOverTheCandidatesAndWeighedByTheKeywordWeight() {
        HybridScore fusion = new HybridScore(new double[]{0, 5, 10}, new double[]{0.2, 0.4, 0.6});
        assertThat(fusion.combine(10, 0.6)).isEqualTo(1.0);
        assertThat(fusion.combine(0, 0.2)).isEqualTo(0.0);
        assertThat(fusion.combine(10, 0.2)).isCloseTo(HybridScore.KEYWORD_WEIGHT, within(1e-9));
        assertThat(fusion.combine(5, 0.4)).isCloseTo(0.5, within(1e-9));
        assertThat(new HybridScore(new double[]{0, 10}, new double[]{0, 1}, 0.8).combine(10, 0)).isCloseTo(0.8,
                within(1e-9));
    }

    @Test
    void aSideWhereAllCandidatesTieCountsOnlyWhenItScoredAtAll() {
        assertThat(HybridScore.normalise(0, 0, 0)).isZero(); // no candidate shares a word with the request
        assertThat(HybridScore.normalise(0.3, 0.3, 0.3)).isEqualTo(1.0);
    }

    @Test
    void searchFillsInTheOtherSidesScoreForEveryCandidate() throws IOException {
        float[] north = axis(0);
        float[] east = axis(1);
        RepoSearch search = RepoSearch.build("s", List.of(
                new RepoSearch.Row(1, "a.py", "parse_date", "def parse_date(text):\n    return text", east),
                new RepoSearch.Row(2, "b.py", "retry", "def retry(call):\n    return call()", north),
                new RepoSearch.Row(3, "c.py", "unembedded", "def unembedded(date):\n    pass", null)).iterator());

        List<RepoSearch.Hit> hits = search.search("parse a date", north, Optional.empty(), 3, RepoSearch.Rank.COMBINED);
        assertThat(hits).extracting(RepoSearch.Hit::id).containsExactlyInAnyOrder(1L, 2L, 3L);
        RepoSearch.Hit parse = hit(hits, 1);
        RepoSearch.Hit retry = hit(hits, 2);
        // retry came from the vector side only: its keyword score is computed (0, no shared word), not assumed.
        assertThat(retry.keyword()).isZero();
        assertThat(retry.vector()).isCloseTo(1.0, within(1e-6));
        // parse_date came from the keyword side: its cosine with the request is filled in (orthogonal: 0).
        assertThat(parse.keyword()).isPositive();
        assertThat(parse.vector()).isCloseTo(0.0, within(1e-6));
        assertThat(hit(hits, 3).vector()).isZero(); // no vector stored
        assertThat(search.search("parse a date", north, Optional.empty(), 1, RepoSearch.Rank.KEYWORD).get(0).id())
                .isEqualTo(1L);
        assertThat(search.search("parse a date", north, Optional.empty(), 1, RepoSearch.Rank.VECTOR).get(0).id())
                .isEqualTo(2L);
        assertThat(search.search("parse a date", north, Optional.of("a.py"), 3, RepoSearch.Rank.COMBINED))
                .extracting(RepoSearch.Hit::id).doesNotContain(1L);
    }

    private static RepoSearch.Hit hit(List<RepoSearch.Hit> hits, long id) {
        return hits.stream().filter(h -> h.id() == id).findFirst().orElseThrow();
    }

    private static float[] axis(int i) {
        float[] v = new float[Embedder.DIMENSIONS];
        v[i] = 1;
        return v;
    }
}
