package dev.selfcode.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

class EmbedderTest {

    private static final Embedder EMBEDDER = new Embedder();

    @Test
    void textsAboutTheSameThingAreCloserThanUnrelatedOnes() {
        List<float[]> v = EMBEDDER.embedAll(List.of("parse a date string into a timestamp",
                "def parse_date(text): return datetime.strptime(text, '%Y-%m-%d')",
                "render the shopping cart total in euros"));
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(Embedder.DIMENSIONS));
        assertThat(Vectors.cosine(v.get(0), v.get(1))).isGreaterThan(Vectors.cosine(v.get(0), v.get(2)) + 0.1);
    }

    @Test
    void oneTextEmbedsAsItDoesInABatch() {
        float[] alone = EMBEDDER.embed("retry a request with backoff");
        float[] batched = EMBEDDER.embedAll(List.of("x", "retry a request with backoff")).get(1);
        assertThat(Vectors.cosine(alone, batched)).isGreaterThan(0.999);
    }

    @Test
    void itsOwnSessionComputesTheLibrarysModel() {
        String text = "def parse_date(text): return datetime.strptime(text, '%Y-%m-%d')";
        float[] library = new AllMiniLmL6V2QuantizedEmbeddingModel().embed(text).content().vector();
        assertThat(Vectors.cosine(EMBEDDER.embed(text), library)).isGreaterThan(0.9999);
    }

    @Test
    void aRequestIsEmbeddedFromItsFirstWholeWordsOnly() {
        // "eleosnt" is four word pieces (el ##eo ##s ##nt): a cut inside it keeps none of it.
        assertThat(EMBEDDER.firstPieces("go eleosnt now", 3)).isEqualTo("go");
        assertThat(EMBEDDER.firstPieces("go eleosnt now", 5)).isEqualTo("go eleosnt");
        assertThat(EMBEDDER.firstPieces("parse a date string", 8)).isEqualTo("parse a date string");
        assertThat(EMBEDDER.pieces("go eleosnt now")).isEqualTo(6);

        String request = "split the array into groups of the given size; " + "and the last group keeps the rest ".repeat(9);
        assertThat(EMBEDDER.pieces(request)).isGreaterThan(Embedder.QUERY_PIECES);
        String kept = EMBEDDER.firstPieces(request, Embedder.QUERY_PIECES);
        assertThat(request).startsWith(kept);
        assertThat(EMBEDDER.pieces(kept)).isLessThanOrEqualTo(Embedder.QUERY_PIECES);
        assertThat(EMBEDDER.embedQuery(request)).containsExactly(EMBEDDER.embed(kept));
        assertThat(EMBEDDER.embedQuery("parse a date")).containsExactly(EMBEDDER.embed("parse a date"));
    }

    @Test
    void blankAndHugeTextsStillEmbed() {
        assertThat(EMBEDDER.embed("")).hasSize(Embedder.DIMENSIONS);
        assertThat(EMBEDDER.embed(null)).hasSize(Embedder.DIMENSIONS);
        assertThat(EMBEDDER.embed("word ".repeat(50_000))).hasSize(Embedder.DIMENSIONS);
    }

    @Test
    void vectorsSurviveTheirStoredForm() {
        float[] v = {1.5f, -2f, 0f, Float.MIN_VALUE};
        assertThat(Vectors.fromBytes(Vectors.toBytes(v))).containsExactly(v);
        assertThat(Vectors.fromBytes(null)).isNull();
        assertThatThrownBy(() -> Vectors.fromBytes(new byte[5])).hasMessageContaining("5 bytes");
    }

    @Test
    void cosineOfMismatchedOrZeroVectorsIsZero() {
        assertThat(Vectors.cosine(new float[]{1, 0}, new float[]{1, 0, 0})).isZero();
        assertThat(Vectors.cosine(new float[]{0, 0}, new float[]{1, 0})).isZero();
        assertThat(Vectors.cosine(new float[]{1, 0}, new float[]{-1, 0})).isEqualTo(-1.0);
    }
}
