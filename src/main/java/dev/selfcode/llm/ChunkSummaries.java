package dev.selfcode.llm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.Result;
import dev.selfcode.code.ContentHash;
import dev.selfcode.code.FileChunks.FileChunk;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.text.Tokens;

/**
 * One-sentence summaries of the chunks of a large file: read from the cache folder (one file per chunk content hash and
 * summarizer model, so an edit invalidates only the chunks it changed), else asked of {@link ChunkSummarizer} and
 * cached, else a fallback line. Every model call is logged in {@code gpt_interaction} with its tokens, so the
 * repository's token budget counts it.
 */
@ApplicationScoped
public class ChunkSummaries {

    private static final Logger LOG = Logger.getLogger(ChunkSummaries.class);

    /** Purpose of a summarizer call in {@code gpt_interaction}. */
    public static final String PURPOSE = "summarize";
    /** Longest summary kept; a model that rambles is cut here. */
    static final int MAX_SUMMARY_CHARS = 300;
    /** Longest chunk text sent to the summarizer (chunks are under the token threshold anyway). */
    static final int MAX_CHUNK_CHARS = 40_000;

    /** Where a summary came from. */
    public enum Source {

        /** Read from the cache folder. */
        CACHED,
        /** Written by the summarizer model during this call, and cached. */
        SUMMARIZED,
        /** The chunk's definition line: no summary was cached and the model was not (or could not be) asked. */
        DEFINITION_LINE,
        /** The chunk's first non-empty line: as above, for a chunk with no definition line. */
        FIRST_LINE;

        public boolean fallback() {
            return this == DEFINITION_LINE || this == FIRST_LINE;
        }
    }

    /** A chunk and its summary. */
    public record ChunkSummary(FileChunk chunk, String text, Source source) {
    }

    /** Summaries in chunk order, and what asking the model for the missing ones cost. */
    public record Summarized(List<ChunkSummary> summaries, int calls, int promptTokens, int completionTokens) {

        public int tokens() {
            return promptTokens + completionTokens;
        }
    }

    @Inject
    SelfcodeConfig config;
    @Inject
    Instance<ChunkSummarizer> summarizer;
    @Inject
    GptMemory memory;
    @Inject
    SecretScanner secrets;

    @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "unknown")
    String model;

    /** The cache folder in use. */
    public Path cacheDir() {
        return config.prompt().chunkCacheDir().orElseGet(() -> config.dataDir().resolve("chunk-summaries"));
    }

    /** The summarizer model whose summaries are read and written. */
    public String model() {
        return model;
    }

    /** Cached summaries, else fallback lines; never calls a model. */
    public List<ChunkSummary> cachedOrFallback(String path, List<FileChunk> chunks) {
        return chunks.stream().map(c -> cached(c).map(s -> new ChunkSummary(c, s, Source.CACHED))
                .orElseGet(() -> fallback(c))).toList();
    }

    /**
     * Cached summaries, the missing ones asked of the model (and cached); after the first failed call the rest get
     * fallback lines, which are not cached, so a later patch asks again.
     */
    public Summarized summarize(String repo, String path, String language, List<FileChunk> chunks) {
        List<ChunkSummary> out = new ArrayList<>(chunks.size());
        int calls = 0;
        int promptTokens = 0;
        int completionTokens = 0;
        boolean modelUsable = true;
        Tokens counter = Tokens.forModel(model);
        for (FileChunk chunk : chunks) {
            Optional<String> hit = cached(chunk);
            if (hit.isPresent()) {
                out.add(new ChunkSummary(chunk, hit.get(), Source.CACHED));
                continue;
            }
            if (!modelUsable) {
                out.add(fallback(chunk));
                continue;
            }
            String prompt = prompt(path, language, chunk);
            String asSent = "[system]\n" + ChunkSummarizer.SYSTEM_MESSAGE + "\n\n[user]\n" + prompt;
            long started = System.nanoTime();
            calls++;
            Result<String> result;
            ChatResponse response;
            try (ChatResponseCapture.Capture capture = ChatResponseCapture.start()) {
                result = summarizer.get().summarize(prompt);
                response = capture.response();
            } catch (RuntimeException e) {
                LOG.warnf("chunk summary of %s in %s failed, using fallback lines: %s", chunk.label(), path,
                        e.getMessage());
                int sent = counter.count(asSent);
                promptTokens += sent;
                log(repo, path, asSent, null, secrets.redact(String.valueOf(e.getMessage())),
                        new LlmCodeGenerator.Usage(sent, 0, false), started);
                modelUsable = false;
                out.add(fallback(chunk));
                continue;
            }
            String raw = result == null ? null : result.content();
            LlmCodeGenerator.Usage usage = LlmCodeGenerator.Usage.of(result == null ? null : result.tokenUsage(),
                    response, asSent, raw, counter);
            promptTokens += usage.prompt();
            completionTokens += usage.completion();
            log(repo, path, asSent, raw, null, usage, started);
            String summary = clean(raw);
            if (summary.isEmpty()) {
                out.add(fallback(chunk));
            } else {
                store(chunk, summary);
                out.add(new ChunkSummary(chunk, summary, Source.SUMMARIZED));
            }
        }
        return new Summarized(out, calls, promptTokens, completionTokens);
    }

    private String prompt(String path, String language, FileChunk chunk) {
        String code = Truncation.head(secrets.redact(chunk.text()), MAX_CHUNK_CHARS);
        String fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
        return "Summarise `" + chunk.label() + "`, lines " + chunk.startLine() + " to " + chunk.endLine() + " of `"
                + secrets.redact(path) + "`, in one sentence:\n" + fence + HelperPrompt.languageTag(language) + "\n"
                + code + "\n" + fence;
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The answer as one line: fences, quotes and line breaks dropped, capped. */
    static String clean(String raw) {
        String text = Objects.requireNonNullElse(raw, "").replaceAll("`{3,}\\w*", " ").replaceAll("\\s+", " ").strip();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text.length() <= MAX_SUMMARY_CHARS ? text : text.substring(0, MAX_SUMMARY_CHARS - 1).strip() + "…";
    }

    /** The definition line when the chunk has one, else its first non-empty line. */
    static ChunkSummary fallback(FileChunk chunk) {
        List<String> lines = chunk.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (chunk.symbol() != null && chunk.part() == 1) {
            Optional<String> definition = lines.stream().filter(l -> l.contains(chunk.symbol()))
                    .filter(l -> !l.startsWith("@") && !l.startsWith("#") && !l.startsWith("//") && !l.startsWith("*")
                            && !l.startsWith("/*"))
                    .findFirst();
            if (definition.isPresent()) {
                return new ChunkSummary(chunk, oneLine(definition.get()), Source.DEFINITION_LINE);
            }
        }
        return new ChunkSummary(chunk, lines.isEmpty() ? "(blank)" : oneLine(lines.get(0)), Source.FIRST_LINE);
    }

    private static String oneLine(String line) {
        return line.length() <= MAX_SUMMARY_CHARS ? line : line.substring(0, MAX_SUMMARY_CHARS - 1) + "…";
    }

    /** {@code <cache>/<model>/<content hash>.txt}: the folder is the cache, keyed by content and model. */
    Path file(FileChunk chunk) {
        String slug = model.replaceAll("[^A-Za-z0-9._-]", "_");
        String folder = (slug.length() > 64 ? slug.substring(0, 64) : slug) + "-"
                + ContentHash.sha256(model).substring(0, 8);
        return cacheDir().resolve(folder).resolve(chunk.hash() + ".txt");
    }

    private Optional<String> cached(FileChunk chunk) {
        Path file = file(chunk);
        try {
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text);
            }
        } catch (IOException e) {
            LOG.warnf("unreadable chunk summary %s: %s", file, e.getMessage());
        }
        return Optional.empty();
    }

    /** Written beside and moved into place, so a reader never sees half a summary. */
    private void store(FileChunk chunk, String summary) {
        Path file = file(chunk);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".summary", ".tmp");
            Files.writeString(tmp, summary + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("could not cache the chunk summary %s: %s", file, e.getMessage());
        }
    }

    private void log(String repo, String path, String prompt, String raw, String error, LlmCodeGenerator.Usage usage,
            long startedNanos) {
        try {
            memory.log(new GptMemory.Interaction(PURPOSE, repo, model, prompt, raw, error, usage.prompt(),
                    usage.completion(), (System.nanoTime() - startedNanos) / 1_000_000,
                    List.of("generator:llm", "task:summarize", "file:" + path,
                            "tokens:" + (usage.reported() ? "reported" : "counted"))));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not log the summarizer call in gpt_interaction");
        }
    }
}
