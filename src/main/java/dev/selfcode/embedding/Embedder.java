package dev.selfcode.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Sentence embeddings computed in this process by all-MiniLM-L6-v2 (quantized), whose weights ship inside its jar:
 * nothing is downloaded and no text leaves the machine. The model loads on first use.
 */
@ApplicationScoped
public class Embedder {

    /** Length of every vector this model returns. */
    public static final int DIMENSIONS = 384;
    /** The model's name as stored beside its vectors, so a change of model is noticed. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    /**
     * Longest text embedded. The library embeds longer text in parts of 510 word pieces and averages them, each part
     * costing about 0.7 ms of CPU per piece: this keeps a record near one part.
     */
    public static final int MAX_CHARS = 2_000;

    /**
     * How many word pieces of a search request are embedded. The model's time grows with every piece (0.7 ms of CPU
     * each here, after 1.5 ms fixed), so a long request is cut. Top-3 recall of the retrieval test
     * (CodeSearchQualityTest) by cut, tuning / held-out half, fused (vector alone): 16 -> 0.255 / 0.269 (0.216 /
     * 0.185), 20 -> 0.275 / 0.269 (0.216 / 0.176), 24 -> 0.304 / 0.269 (0.235 / 0.193), whole request 0.314 / 0.261
     * (0.275 / 0.227). 24 keeps as many hits over both halves as the whole request (63 of 221); 20 loses 3 of them,
     * 16 loses 5.
     */
    public static final int QUERY_PIECES = 24;

    /**
     * Intra-op threads of the model that embeds one text at a time (a search request, a memory entry). Its time is all
     * in matrix products, which split well: a 26-piece request took 18.5 ms on one core here and 10.5 ms on two. More
     * were not measured (this machine has two cores).
     */
    static final int SINGLE_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private final AtomicReference<EmbeddingModel> single = new AtomicReference<>();
    private final AtomicReference<EmbeddingModel> batch = new AtomicReference<>();
    private volatile HuggingFaceTokenizer tokenizer;

    /** The unit-length vector of {@code text} (a blank text gets the vector of "(empty)": the model refuses blank input). */
    public float[] embed(String text) {
        return single().embed(prepare(text)).content().vector();
    }

    /**
     * The vector of a search request: of its first {@link #QUERY_PIECES} word pieces, cut before a word that would not
     * fit whole. Records are embedded whole ({@link #embed}); only the request side is shortened, to answer quickly.
     */
    public float[] embedQuery(String text) {
        return embed(firstPieces(prepare(text), QUERY_PIECES));
    }

    /** How many word pieces the model reads of {@code text} (its special tokens not counted). */
    public int pieces(String text) {
        return tokenizer().encode(prepare(text), false, false).getTokens().length;
    }

    /** {@code text} up to the end of the last whole word within its first {@code pieces} word pieces. */
    String firstPieces(String text, int pieces) {
        Encoding e = tokenizer().encode(text, false, false);
        String[] tokens = e.getTokens();
        if (tokens.length <= pieces) {
            return text;
        }
        int cut = pieces; // the first piece left out; back to the start of its word
        while (cut > 0 && tokens[cut].startsWith("##")) {
            cut--;
        }
        CharSpan[] spans = e.getCharTokenSpans();
        if (cut == 0 || spans[cut] == null) {
            return text;
        }
        return text.substring(0, spans[cut].getStart()).strip();
    }

    /** The vectors of {@code texts}, in order, computed in one batch. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(prepare(t))).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        batch().embedAll(segments).content().forEach(e -> out.add(e.vector()));
        return out;
    }

    private static String prepare(String text) {
        String t = text == null || text.isBlank() ? "(empty)" : text;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
    }

    /** The model for one text at a time: its products split over {@link #SINGLE_THREADS} cores. */
    private EmbeddingModel single() {
        return loaded(single, SINGLE_THREADS);
    }

    /** The model for batches: one thread per session, as the library already embeds one text per core. */
    private EmbeddingModel batch() {
        return loaded(batch, 1);
    }

    /** The model held by {@code slot}, loaded there on first use (each takes a second and about 30 MB). */
    private static EmbeddingModel loaded(AtomicReference<EmbeddingModel> slot, int threads) {
        EmbeddingModel m = slot.get();
        if (m == null) {
            synchronized (slot) {
                m = slot.get();
                if (m == null) {
                    m = new MiniLmModel(threads);
                    slot.set(m);
                }
            }
        }
        return m;
    }

    private HuggingFaceTokenizer tokenizer() {
        HuggingFaceTokenizer t = tokenizer;
        if (t == null) {
            synchronized (this) {
                if (tokenizer == null) {
                    try (InputStream in = MiniLmModel.resource(MiniLmModel.TOKENIZER)) {
                        tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                t = tokenizer;
            }
        }
        return t;
    }
}
