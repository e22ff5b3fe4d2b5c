package dev.selfcode.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantized) from langchain4j's jar, run in an ONNX Runtime session with a given number of intra-op
 * threads that do not spin. The library's own session uses a thread per core that spins while it waits: on two shared
 * cores that took twice as long per query (it fights the keyword search and the other sessions); with two threads
 * that do not spin, a search's p50 was 18.4 ms at 20,000 records, and 23.8 ms with spinning. Batches want one thread
 * per session, because {@link AbstractInProcessEmbeddingModel} already embeds one text per core.
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel {

    private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    MiniLmModel(int threads) {
        super(null); // the library's executor: one thread per core for batches
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream tokenizer = resource(TOKENIZER)) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] weights;
            try (InputStream in = resource(WEIGHTS)) {
                weights = in.readAllBytes();
            }
            encoder = new OnnxBertBiEncoder(env, env.createSession(weights, options), tokenizer, PoolingMode.MEAN);
        } catch (OrtException e) {
            throw new IllegalStateException("could not load the embedding model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of langchain4j's model jar (weights and tokenizer ship there; nothing is downloaded). */
    static InputStream resource(String name) {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return Embedder.DIMENSIONS;
    }
}
