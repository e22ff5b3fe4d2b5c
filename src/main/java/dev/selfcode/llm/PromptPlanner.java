package dev.selfcode.llm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Chunker;
import dev.selfcode.code.FileChunks;
import dev.selfcode.code.FileChunks.FileChunk;
import dev.selfcode.code.Language;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.embedding.Embedder;
import dev.selfcode.embedding.Vectors;
import dev.selfcode.llm.ChunkSummaries.ChunkSummary;
import dev.selfcode.text.Tokens;

/**
 * Decides how the target file appears in a helper prompt: whole when it is under
 * {@code selfcode.prompt.chunk-token-threshold} tokens, else as a summary of every chunk plus the full text of the chunk
 * the helper goes after (the one the request names, else the one closest by meaning to the description).
 * {@link #plan} shows what a prompt would carry without calling any model (for {@code selfcode context}).
 */
@ApplicationScoped
public class PromptPlanner {

    /** How the chunk shown in full was chosen. */
    public enum Choice {
        /** The file is shown whole: no chunk is chosen. */
        WHOLE_FILE,
        /** The request named it ({@code --after}). */
        NAMED,
        /** Closest by meaning to the description (in-process embeddings). */
        MEANING
    }

    /**
     * How the target file appears in the prompt.
     *
     * @param chunked          whether the file is above the threshold and shown as chunk summaries
     * @param fileTokens       tokens in the whole file
     * @param threshold        the threshold in force
     * @param chunks           every chunk with its summary (cached, fresh or fallback), in file order; empty when whole
     * @param target           the chunk shown in full; empty when the file is shown whole
     * @param choice           how the target was chosen
     * @param similarity       the target's cosine similarity to the description, when chosen by meaning
     * @param summarizerCalls  calls to the summarizer model this view made
     * @param summarizerTokens tokens those calls used (prompt + answer)
     */
    public record FileView(boolean chunked, int fileTokens, int threshold, List<ChunkSummary> chunks,
            Optional<ChunkSummary> target, Choice choice, Optional<Double> similarity, int summarizerCalls,
            int summarizerTokens) {
    }

    /**
     * What a helper prompt would carry, computed without calling any model.
     *
     * @param file         how the target file appears
     * @param prompt       the prompt as it would be sent (system and user message)
     * @param promptTokens its tokens
     * @param encoding     the tokenizer's encoding (the model's, else cl100k_base)
     * @param cacheDir     the chunk summary cache folder read
     */
    public record PromptPlan(FileView file, String prompt, int promptTokens, String encoding, Path cacheDir) {
    }

    @Inject
    SelfcodeConfig config;
    @Inject
    ChunkSummaries summaries;
    @Inject
    Embedder embedder;
    @Inject
    HelperPrompt prompts;

    @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "unknown")
    String model;

    /** Characters of a definition's code embedded to find the chunk closest by meaning. */
    static final int EMBEDDED_CODE_CHARS = 400;
    /** Vectors kept for reuse (about 1.5 KB each). */
    static final int MAX_KEPT_VECTORS = 20_000;

    private final Map<String, float[]> vectors = new LinkedHashMap<>(256, 0.75f, true) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > MAX_KEPT_VECTORS;
        }
    };

    /**
     * The plan for a helper in {@code filePath} (relative to {@code repoDir}): cached summaries or fallback lines, the
     * chosen chunk, the prompt's tokens. No snippets or notes: the caller adds those through {@link #plan(GenerationRequest)}.
     */
    public PromptPlan plan(Path repoDir, String filePath, String description, Optional<String> after)
            throws IOException {
        Language language = Language.of(filePath)
                .orElseThrow(() -> new IllegalArgumentException("unsupported file type: " + filePath));
        String content = Files.readString(repoDir.resolve(filePath), StandardCharsets.UTF_8);
        return plan(new GenerationRequest(description, filePath, language.id, content, List.of(), List.of(), null,
                after.orElse(null)));
    }

    /** The plan for a whole request (snippets and notes included), without calling any model. */
    public PromptPlan plan(GenerationRequest request) {
        FileView view = view(request, false);
        HelperPrompt.Prompt prompt = prompts.render(request, view);
        Tokens tokens = tokens();
        return new PromptPlan(view, prompt.asSent(), tokens.count(prompt.asSent()), tokens.encodingName(),
                summaries.cacheDir());
    }

    Tokens tokens() {
        return Tokens.forModel(model);
    }

    /**
     * The view of the request's file; with {@code askModel} the missing summaries are asked of the summarizer (and
     * cached), else they are fallback lines.
     */
    FileView view(GenerationRequest request, boolean askModel) {
        int threshold = Math.max(50, config.prompt().chunkTokenThreshold());
        String content = Objects.requireNonNullElse(request.fileContent(), "");
        Tokens tokens = tokens();
        int fileTokens = tokens.count(content);
        Language language = Language.named(request.language());
        if (fileTokens <= threshold || language == Language.OTHER) {
            return new FileView(false, fileTokens, threshold, List.of(), Optional.empty(), Choice.WHOLE_FILE,
                    Optional.empty(), 0, 0);
        }
        List<FileChunk> chunks = FileChunks.split(language, content, threshold, tokens::count);
        List<ChunkSummary> summarized;
        int calls = 0;
        int used = 0;
        if (askModel) {
            ChunkSummaries.Summarized s = summaries.summarize(request.repo(), request.filePath(), request.language(),
                    chunks);
            summarized = s.summaries();
            calls = s.calls();
            used = s.tokens();
        } else {
            summarized = summaries.cachedOrFallback(request.filePath(), chunks);
        }
        Optional<ChunkSummary> named = Optional.ofNullable(request.afterChunk()).flatMap(name -> summarized.stream()
                .filter(c -> c.chunk().defines(name)).reduce((first, second) -> second));
        if (named.isPresent()) {
            return new FileView(true, fileTokens, threshold, summarized, named, Choice.NAMED, Optional.empty(), calls,
                    used);
        }
        Closest closest = closest(request.description(), language, summarized);
        return new FileView(true, fileTokens, threshold, summarized, Optional.of(closest.chunk()), Choice.MEANING,
                Optional.of(closest.similarity()), calls, used);
    }

    private record Closest(ChunkSummary chunk, double similarity) {
    }

    /**
     * The chunk most similar to the description: each definition in it (its name and the start of its code) and its
     * summary are embedded, and the best of them counts, so one matching definition in a chunk of many is found.
     */
    private Closest closest(String description, Language language, List<ChunkSummary> chunks) {
        List<ChunkSummary> candidates = chunks.stream().filter(c -> !c.chunk().symbols().isEmpty()).toList();
        if (candidates.isEmpty()) {
            candidates = chunks;
        }
        List<String> texts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            ChunkSummary c = candidates.get(i);
            texts.add(c.chunk().label() + ": " + c.text());
            owner.add(i);
            for (Chunk definition : Chunker.chunk("", language, c.chunk().text())) {
                if (definition.symbol() != null) {
                    String code = definition.content();
                    texts.add(code.length() <= EMBEDDED_CODE_CHARS ? code : code.substring(0, EMBEDDED_CODE_CHARS));
                    owner.add(i);
                }
            }
        }
        float[] query = embedder.embed(description);
        List<float[]> vectors = embedAll(texts);
        int best = 0;
        double bestScore = -2;
        for (int i = 0; i < vectors.size(); i++) {
            double score = Vectors.cosine(query, vectors.get(i));
            if (score > bestScore) {
                best = owner.get(i);
                bestScore = score;
            }
        }
        return new Closest(candidates.get(best), bestScore);
    }

    /** Vectors of texts seen before are reused: the chunks of a file mostly stay the same between patches. */
    private List<float[]> embedAll(List<String> texts) {
        Map<String, float[]> found = new HashMap<>();
        synchronized (vectors) {
            for (String t : texts) {
                float[] v = vectors.get(t);
                if (v != null) {
                    found.put(t, v);
                }
            }
        }
        List<String> missing = texts.stream().filter(t -> !found.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> computed = embedder.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                found.put(missing.get(i), computed.get(i));
            }
            synchronized (vectors) {
                for (int i = 0; i < missing.size(); i++) {
                    vectors.put(missing.get(i), computed.get(i));
                }
            }
        }
        return texts.stream().map(found::get).toList();
    }
}
