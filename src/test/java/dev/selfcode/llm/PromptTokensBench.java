package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.FileChunks;
import dev.selfcode.code.FileChunks.FileChunk;
import dev.selfcode.code.Language;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;

/**
 * Benchmark (a) of issue 10, run by {@code bench/prompt-tokens.sh}, not by the normal build: tokens sent for two
 * successive patches on a file of over 20,000 tokens, against a prompt that carries the whole file. The stub answers
 * without usage, so every count is JTokkit's count of the text actually sent. Writes
 * {@code target/bench-prompt-tokens.txt}.
 */
@QuarkusTest
@WithTestResource(value = OpenAiStubResource.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "bench.prompt-tokens", matches = "true")
class PromptTokensBench {

    @Inject
    LlmCodeGenerator generator;
    @Inject
    PromptPlanner planner;
    @Inject
    HelperPrompt prompts;
    @Inject
    ChunkSummaries summaries;
    @Inject
    SelfcodeConfig config;

    @Test
    void twoPatchesOnALargeFile() throws IOException {
        OpenAiStub stub = OpenAiStubResource.stub();
        stub.reset();
        Path cache = summaries.cacheDir();
        if (Files.exists(cache)) {
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String content = ChunkedPromptTest.largeModule();
        int fileTokens = planner.tokens().count(content);
        List<FileChunk> chunks = FileChunks.split(Language.PYTHON, content, config.prompt().chunkTokenThreshold(),
                planner.tokens()::count);
        GenerationRequest first = new GenerationRequest("compute the initial bearing between two GPS coordinates",
                ChunkedPromptTest.PATH, "python", content, List.of(), List.of(), "bench/geo");
        GenerationRequest second = new GenerationRequest("convert a distance in kilometres to nautical miles",
                ChunkedPromptTest.PATH, "python", content, List.of(), List.of(), "bench/geo");
        // The whole-file prompt: the same prompt with the file's place empty, plus the whole file.
        PromptPlanner.FileView whole = new PromptPlanner.FileView(false, fileTokens, 0, List.of(), Optional.empty(),
                PromptPlanner.Choice.WHOLE_FILE, Optional.empty(), 0, 0);
        int wholePrompt = planner.tokens().count(prompts.render(new GenerationRequest(second.description(),
                second.filePath(), "python", "", List.of(), List.of(), "bench/geo"), whole).asSent()) + fileTokens;

        for (FileChunk c : chunks) {
            stub.answerWithoutUsage("Defines " + c.label() + ": scales the numeric fields of records by a factor.");
        }
        stub.answerWithoutUsage("```python\ndef initial_bearing(a, b):\n    return 0.0\n```");
        long t0 = System.nanoTime();
        GeneratedCode one = generator.generate(first);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        stub.answerWithoutUsage("```python\ndef km_to_nautical_miles(km):\n    return km / 1.852\n```");
        t0 = System.nanoTime();
        GeneratedCode two = generator.generate(second);
        long secondMs = (System.nanoTime() - t0) / 1_000_000;

        double ratio = wholePrompt / (double) two.promptTokens();
        String report = String.format(java.util.Locale.ROOT, """
                benchmark (a): tokens sent for two patches on a %d-token file (%s, threshold %d, %d chunks)
                whole-file prompt:          %7d prompt tokens per patch
                patch 1 helper prompt:      %7d prompt tokens (+ %d answer), %d ms
                patch 1 summarizer:         %7d tokens in %d calls (reported separately, cached after)
                patch 2 helper prompt:      %7d prompt tokens (+ %d answer), %d summarizer calls, %d ms
                patch 2 vs whole file:      %7.1fx fewer prompt tokens
                patch 2 prompt prefix identical to patch 1: %.1f%% of its tokens
                """, fileTokens, planner.tokens().encodingName(), config.prompt().chunkTokenThreshold(), chunks.size(),
                wholePrompt, one.promptTokens(), one.completionTokens(), firstMs, one.cost().summarizerTokens(),
                one.cost().summarizerCalls(), two.promptTokens(), two.completionTokens(),
                two.cost().summarizerCalls(), secondMs, ratio, two.cost().sharedPrefix().orElse(0.0) * 100);
        System.out.println(report);
        Files.writeString(Path.of("target", "bench-prompt-tokens.txt"), report);
        assertThat(fileTokens).isGreaterThanOrEqualTo(20_000);
        assertThat(two.cost().summarizerCalls()).isZero();
        assertThat(ratio).isGreaterThanOrEqualTo(5.0);
    }
}
