package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.FileChunks;
import dev.selfcode.code.FileChunks.FileChunk;
import dev.selfcode.code.Language;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.memory.GptInteraction;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.Folders;

/**
 * A target file above the token threshold: chunked at its definitions, each chunk summarised once through the
 * OpenAI-compatible stub (whose request count shows every model call), summaries cached in the folder, the prompt
 * carrying every summary and one chunk in full.
 */
@QuarkusTest
@WithTestResource(value = OpenAiStubResource.class, scope = TestResourceScope.GLOBAL)
class ChunkedPromptTest {

    static final String PATH = "geo/pipeline.py";
    static final String HELPER = "def initial_bearing(a, b):\n    return 0.0\n";

    @Inject
    LlmCodeGenerator generator;
    @Inject
    PromptPlanner planner;
    @Inject
    ChunkSummaries summaries;
    @Inject
    SelfcodeConfig config;

    private OpenAiStub stub;

    @BeforeEach
    void reset() throws IOException {
        stub = OpenAiStubResource.stub();
        stub.reset();
        QuarkusTransaction.requiringNew().run(() -> GptInteraction.deleteAll());
        Folders.delete(summaries.cacheDir());
    }

    /** A Python module of about 23,000 tokens: 270 small transforms and, in the middle, a haversine distance. */
    static String largeModule() {
        StringBuilder s = new StringBuilder("\"\"\"Record transforms for the geo pipeline.\"\"\"\nimport math\n\n");
        for (int i = 0; i < 270; i++) {
            if (i == 135) {
                s.append("""


                        def haversine_distance(lat1, lon1, lat2, lon2):
                            \"\"\"Great-circle distance in kilometres between two points on Earth given in degrees.\"\"\"
                            radius = 6371.0
                            phi1, phi2 = math.radians(lat1), math.radians(lat2)
                            dphi = math.radians(lat2 - lat1)
                            dlmb = math.radians(lon2 - lon1)
                            h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
                            return 2 * radius * math.asin(math.sqrt(h))
                        """);
            }
            s.append("\n\ndef transform_record_").append(i).append("(record, factor=").append(i).append("):\n")
                    .append("    \"\"\"Scale the numeric fields of a record by factor ").append(i)
                    .append(" and keep the others.\"\"\"\n")
                    .append("    result = {}\n    for key, value in record.items():\n")
                    .append("        if isinstance(value, (int, float)):\n")
                    .append("            result[key] = value * factor + ").append(i).append("\n")
                    .append("        else:\n            result[key] = value\n    return result\n");
        }
        return s.toString();
    }

    private List<FileChunk> chunks(String content) {
        return FileChunks.split(Language.PYTHON, content, config.prompt().chunkTokenThreshold(),
                planner.tokens()::count);
    }

    /** One scripted summary per chunk, in file order, then the helper. */
    private void script(List<FileChunk> chunks) {
        for (FileChunk c : chunks) {
            stub.answer("Defines " + c.label() + " of the geo pipeline.");
        }
        stub.answer("```python\n" + HELPER + "```");
    }

    private static GenerationRequest request(String description, String content) {
        return new GenerationRequest(description, PATH, "python", content, List.of(), List.of(), "acme/geo");
    }

    private static long rows(String purpose) {
        return QuarkusTransaction.requiringNew().call(() -> GptInteraction.count("purpose", purpose));
    }

    @Test
    void aLargeFileIsSummarisedOnceAndTheSecondPatchIsServedFromTheCache() {
        String content = largeModule();
        assertThat(planner.tokens().count(content)).isGreaterThanOrEqualTo(20_000);
        List<FileChunk> chunks = chunks(content);
        assertThat(chunks.size()).isGreaterThan(20);
        FileChunk haversine = chunks.stream().filter(c -> c.defines("haversine_distance")).findFirst().orElseThrow();
        script(chunks);

        GeneratedCode first = generator.generate(request("compute the initial bearing between two GPS coordinates",
                content));

        assertThat(stub.requests()).hasSize(chunks.size() + 1);
        assertThat(first.code()).isEqualTo(HELPER);
        assertThat(first.cost().chunked()).isTrue();
        assertThat(first.cost().summarizerCalls()).isEqualTo(chunks.size());
        assertThat(first.cost().summarizerTokens()).isEqualTo(
                chunks.size() * (OpenAiStub.PROMPT_TOKENS + OpenAiStub.COMPLETION_TOKENS));
        assertThat(first.cost().sharedPrefix()).isEmpty();
        String sent = stub.lastPrompt();
        assertThat(sent).contains("`geo/pipeline.py` is too long to show whole")
                .contains("`" + chunks.get(0).label() + "`: Defines " + chunks.get(0).label() + " of the geo pipeline.")
                .contains("`" + chunks.get(5).label() + "`: Defines " + chunks.get(5).label() + " of the geo pipeline.")
                // the chunk closest by meaning, in full; the others only by their summary
                .contains("The chunk `" + haversine.label() + "`")
                .contains("return 2 * radius * math.asin(math.sqrt(h))").doesNotContain("value * factor + 3\n");
        // stable first: the instructions and the summaries come before the description
        assertThat(sent.indexOf("Its " + chunks.size() + " chunks")).isLessThan(sent.indexOf("initial bearing"));
        assertThat(planner.tokens().count(first.prompt()) * 5).isLessThan(planner.tokens().count(content));
        assertThat(rows(ChunkSummaries.PURPOSE)).isEqualTo(chunks.size());
        try (Stream<Path> cached = Files.walk(summaries.cacheDir())) {
            assertThat(cached.filter(p -> p.toString().endsWith(".txt")).count()).isEqualTo(chunks.size());
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        stub.reset();
        stub.answer("```python\n" + HELPER + "```");
        GeneratedCode second = generator.generate(request("compute the initial bearing between two GPS points",
                content));

        assertThat(stub.requests()).hasSize(1);
        assertThat(second.cost().summarizerCalls()).isZero();
        assertThat(stub.lastPrompt()).contains("`" + chunks.get(5).label() + "`: Defines " + chunks.get(5).label());
        assertThat(second.cost().sharedPrefix()).hasValueSatisfying(share -> assertThat(share).isGreaterThan(0.9));
    }

    @Test
    void anEditedChunkIsSummarisedAgainAndNoOtherOne() {
        String content = largeModule();
        List<FileChunk> chunks = chunks(content);
        script(chunks);
        generator.generate(request("add a helper", content));

        String edited = content.replace("result[key] = value * factor + 42\n", "result[key] = value * factor - 42\n");
        stub.reset();
        stub.answer("Scales record 42 by its factor, minus 42.");
        stub.answer("```python\n" + HELPER + "```");
        GeneratedCode code = generator.generate(request("add a helper", edited));

        assertThat(stub.requests()).hasSize(2);
        assertThat(code.cost().summarizerCalls()).isEqualTo(1);
        assertThat(stub.requests().get(0)).contains("value * factor - 42");
        String sent = stub.lastPrompt();
        assertThat(sent).contains("`: Scales record 42 by its factor, minus 42.");
        assertThat(sent.split("`: Defines ", -1)).hasSize(chunks.size());
    }

    @Test
    void thePlanCallsNoModelNamesTheChunkAskedForAndFallsBackToDefinitionLines(@TempDir Path repo)
            throws IOException {
        String content = largeModule();
        Files.createDirectories(repo.resolve("geo"));
        Files.writeString(repo.resolve(PATH), content);

        PromptPlanner.PromptPlan plan = planner.plan(repo, PATH, "add a helper", Optional.of("transform_record_7"));

        assertThat(stub.requests()).isEmpty();
        assertThat(rows(ChunkSummaries.PURPOSE)).isZero();
        PromptPlanner.FileView file = plan.file();
        assertThat(file.chunked()).isTrue();
        assertThat(file.choice()).isEqualTo(PromptPlanner.Choice.NAMED);
        assertThat(file.target().orElseThrow().chunk().defines("transform_record_7")).isTrue();
        assertThat(file.chunks().get(0).source()).isEqualTo(ChunkSummaries.Source.FIRST_LINE);
        assertThat(file.chunks().get(0).text()).isEqualTo("\"\"\"Record transforms for the geo pipeline.\"\"\"");
        ChunkSummaries.ChunkSummary third = file.chunks().get(2);
        assertThat(third.source()).isEqualTo(ChunkSummaries.Source.DEFINITION_LINE);
        String name = third.chunk().symbol();
        assertThat(third.text()).isEqualTo("def " + name + "(record, factor=" + name.replace("transform_record_", "")
                + "):");
        assertThat(plan.prompt()).contains("The chunk `" + file.target().get().chunk().label() + "`")
                .contains("value * factor + 7\n");
        assertThat(plan.promptTokens()).isEqualTo(planner.tokens().count(plan.prompt()));

        PromptPlanner.PromptPlan byMeaning = planner.plan(repo, PATH,
                "great-circle distance between two places on the globe", Optional.empty());
        assertThat(byMeaning.file().choice()).isEqualTo(PromptPlanner.Choice.MEANING);
        assertThat(byMeaning.file().target().orElseThrow().chunk().defines("haversine_distance")).isTrue();
    }

    @Test
    void aSmallFileIsSentWholeAndNothingIsSummarised() {
        stub.answer("```python\n" + HELPER + "```");

        GeneratedCode code = generator.generate(request("add a helper", "import math\n\n\ndef one():\n    return 1\n"));

        assertThat(stub.requests()).hasSize(1);
        assertThat(code.cost().chunked()).isFalse();
        assertThat(stub.lastPrompt()).contains("Current content of `geo/pipeline.py`").contains("def one():");
    }
}
