package dev.selfcode.embedding;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

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
    /** The model reads at most 256 word pieces; longer text is cut by the model itself. Keep inputs near that. */
    public static final int MAX_CHARS = 2_000;

    private volatile EmbeddingModel model;

    /** The unit-length vector of {@code text} (a blank text gets the vector of "(empty)": the model refuses blank input). */
    public float[] embed(String text) {
        return model().embed(prepare(text)).content().vector();
    }

    /** The vectors of {@code texts}, in order, computed in one batch. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(prepare(t))).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        model().embedAll(segments).content().forEach(e -> out.add(e.vector()));
        return out;
    }

    private static String prepare(String text) {
        String t = text == null || text.isBlank() ? "(empty)" : text;
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                m = model;
            }
        }
        return m;
    }
}
