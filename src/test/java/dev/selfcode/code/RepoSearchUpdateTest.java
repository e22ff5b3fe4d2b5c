package dev.selfcode.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.selfcode.embedding.Embedder;

/** A search moved to another commit by updating it with the records that changed, not rebuilding it. */
class RepoSearchUpdateTest {

    private static final RepoSearch.Row PARSE = row(1, "dates.py", "parse_date", 0);
    private static final RepoSearch.Row RETRY = row(2, "net.py", "retry_call", 1);
    private static final RepoSearch.Row SEND = row(3, "mail.py", "send_mail", 2);

    @Test
    void anUpdateDeletesWhatIsGoneOrChangedAndAddsWhatIsNewOrChanged() throws IOException {
        // Six more records that stay as they are: what changes is a small part of the index, as after most commits.
        List<RepoSearch.Row> kept = LongStream.rangeClosed(10, 15)
                .mapToObj(i -> row(i, "other" + i + ".py", "other_" + i, (int) i)).toList();
        List<RepoSearch.Row> first = new ArrayList<>(kept);
        first.addAll(List.of(PARSE, RETRY, SEND));
        RepoSearch before = RepoSearch.build("a", first.iterator());
        // At the next commit: parse_date kept, retry_call's record renamed in place (same id, other symbol),
        // send_mail gone, a new record added.
        RepoSearch.Row renamed = row(2, "net.py", "retry_with_backoff", 1);
        RepoSearch.Row added = row(4, "zip.py", "compress_archive", 3);
        Map<Long, String> now = versions(PARSE, renamed, added);
        now.putAll(versions(kept.toArray(RepoSearch.Row[]::new)));

        RepoSearch.Change change = before.change(now).orElseThrow();
        assertThat(change.delete()).containsExactlyInAnyOrder(2L, 3L);
        assertThat(change.add()).containsExactlyInAnyOrder(2L, 4L);

        RepoSearch after = before.update("b", change, List.of(renamed, added).iterator());
        assertThat(after.sha).isEqualTo("b");
        assertThat(after.size).isEqualTo(9);
        assertThat(after.segments()).isEqualTo(2); // the first commit's segment kept, one added
        assertThat(ids(after.search("send mail", axis(2), Optional.empty(), 5, RepoSearch.Rank.COMBINED)))
                .doesNotContain(3L);
        assertThat(top(after, "compress archive", axis(3))).isEqualTo(4L);
        assertThat(top(after, "backoff", axis(9))).isEqualTo(2L); // found by its new symbol
        assertThat(top(after, "parse date", axis(0))).isEqualTo(1L);
        // Its vector alone finds the record kept from the first commit's segment.
        assertThat(after.search("", axis(0), Optional.empty(), 1, RepoSearch.Rank.VECTOR).get(0).id()).isEqualTo(1L);

        // Whoever still holds the first commit's search keeps its documents.
        assertThat(top(before, "send mail", axis(2))).isEqualTo(3L);
        // Nothing changed but the commit: the same documents under the new commit, no new segment.
        RepoSearch restamped = after.update("c", after.change(now).orElseThrow(), List.<RepoSearch.Row>of().iterator());
        assertThat(restamped.sha).isEqualTo("c");
        assertThat(restamped.segments()).isEqualTo(2);
    }

    @Test
    void tooMuchDeletedOrTooManySegmentsAsksForANewBuild() throws IOException {
        List<RepoSearch.Row> rows = LongStream.rangeClosed(1, 8).mapToObj(i -> row(i, "f" + i + ".py", "f" + i, (int) i))
                .toList();
        RepoSearch search = RepoSearch.build("a", rows.iterator());
        Map<Long, String> twoGone = versions(rows.subList(2, 8).toArray(RepoSearch.Row[]::new));
        assertThat(search.change(twoGone)).isPresent(); // 2 of 8 deleted: 25%
        Map<Long, String> threeGone = versions(rows.subList(3, 8).toArray(RepoSearch.Row[]::new));
        assertThat(search.change(threeGone)).isEmpty(); // 3 of 8: past the limit

        Map<Long, String> now = versions(rows.toArray(RepoSearch.Row[]::new));
        for (int i = 0; i < RepoSearch.MAX_SEGMENTS - 1; i++) {
            RepoSearch.Row next = row(100 + i, "n" + i + ".py", "n" + i, 20 + i);
            now.put(next.id(), next.version());
            search = search.update("c" + i, search.change(now).orElseThrow(), List.of(next).iterator());
        }
        assertThat(search.segments()).isEqualTo(RepoSearch.MAX_SEGMENTS);
        RepoSearch.Row last = row(200, "last.py", "last", 40);
        now.put(last.id(), last.version());
        assertThat(search.change(now)).isEmpty();
    }

    private static long top(RepoSearch search, String request, float[] vector) throws IOException {
        return search.search(request, vector, Optional.empty(), 1, RepoSearch.Rank.COMBINED).get(0).id();
    }

    private static List<Long> ids(List<RepoSearch.Hit> hits) {
        return hits.stream().map(RepoSearch.Hit::id).toList();
    }

    private static Map<Long, String> versions(RepoSearch.Row... rows) {
        Map<Long, String> out = new HashMap<>();
        for (RepoSearch.Row r : rows) {
            out.put(r.id(), r.version());
        }
        return out;
    }

    private static RepoSearch.Row row(long id, String path, String symbol, int axis) {
        return new RepoSearch.Row(id, path, symbol, "def " + symbol + "():\n    pass\n", axis(axis));
    }

    private static float[] axis(int i) {
        float[] v = new float[Embedder.DIMENSIONS];
        v[i] = 1;
        return v;
    }
}
