package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.FileChunks.FileChunk;
import dev.selfcode.llm.ChunkSummaries;
import dev.selfcode.llm.PromptPlanner;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.Folders;
import dev.selfcode.testsupport.GitRepos;
import picocli.CommandLine;

/**
 * {@code selfcode context} on a git repository with a large Python module: the snippets with their three scores, the
 * chunk summaries (fallback lines, then cached ones), the chunk shown in full, the insertion point and the prompt's
 * tokens, with the OpenAI-compatible stub configured and never called.
 */
@QuarkusTest
@WithTestResource(value = OpenAiStubResource.class, scope = TestResourceScope.GLOBAL)
class ContextCommandTest {

    static final String BIG = "geo/pipeline.py";
    static final String ASK = "great circle distance in kilometres between two points on earth";

    @Inject
    CommandLine.IFactory factory;
    @Inject
    PromptPlanner planner;
    @Inject
    ChunkSummaries summaries;
    @Inject
    ObjectMapper mapper;

    OpenAiStub stub;
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        stub = OpenAiStubResource.stub();
        stub.reset();
        Folders.delete(summaries.cacheDir());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(BIG, module());
        files.put("net/retry.py", """
                import time


                def retry_with_backoff(call, attempts=5, delay=0.1):
                    \"\"\"Call again after each failure, waiting twice as long each time.\"\"\"
                    for i in range(attempts):
                        try:
                            return call()
                        except Exception:
                            time.sleep(delay * 2 ** i)
                    return call()
                """);
        files.put("geo/units.py", """
                def km_to_miles(km):
                    \"\"\"Kilometres to statute miles.\"\"\"
                    return km * 0.621371
                """);
        files.put("README.md", "# geo\n");
        repo = GitRepos.create(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "context-"), files);
    }

    /** About 6,000 tokens: 60 record transforms with a haversine distance in the middle. */
    static String module() {
        StringBuilder s = new StringBuilder("\"\"\"Record transforms.\"\"\"\nimport math\n");
        for (int i = 0; i < 60; i++) {
            if (i == 30) {
                s.append("""


                        def haversine(lat1, lon1, lat2, lon2):
                            \"\"\"Great-circle distance between two points given in degrees, in kilometres.\"\"\"
                            phi1, phi2 = math.radians(lat1), math.radians(lat2)
                            h = math.sin((phi2 - phi1) / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(
                                math.radians(lon2 - lon1) / 2) ** 2
                            return 2 * 6371.0 * math.asin(math.sqrt(h))
                        """);
            }
            s.append("\n\ndef transform_record_").append(i).append("(record, factor=").append(i).append("):\n")
                    .append("    \"\"\"Scale the numeric fields of a record by factor ").append(i).append(".\"\"\"\n")
                    .append("    result = {}\n    for key, value in record.items():\n")
                    .append("        if isinstance(value, (int, float)):\n")
                    .append("            result[key] = value * factor + ").append(i).append("\n")
                    .append("        else:\n            result[key] = value\n    return result\n");
        }
        return s.toString();
    }

    @Test
    void showsSnippetsSummariesTheChunkInFullAndTheTokensWithoutCallingAModel() throws Exception {
        CliRun run = CliRun.of(factory, "context", "--repo", repo.toString(), "--file", BIG, ASK);

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("indexing " + repo + " (the first time embeds every chunk")
                .contains("nothing was sent to a model")
                .containsPattern("index: \\d+ chunks at commit [0-9a-f]{8}, \\d+ embedded now")
                .containsPattern("file: geo/pipeline\\.py, \\d+ tokens, above the 3500-token threshold: shown as \\d+ "
                        + "chunk summaries")
                .containsPattern("geo/units\\.py:1-3 +km_to_miles +keyword +[0-9.]+ +vector +-?[0-9.]+ +combined +[0-9.]+")
                .contains("[first line] \"\"\"Record transforms.\"\"\"")
                .contains("[definition line] def transform_record_4(record, factor=4):")
                .containsPattern("shown in full: [^\\n]*haversine[^\\n]*\\(closest by meaning, similarity 0\\.\\d\\d\\)")
                .contains("insertion point: end of geo/pipeline.py (after line " + module().lines().count() + ")")
                .containsPattern("prompt: \\d+ tokens \\((cl100k|o200k)_base\\)");
        assertThat(stub.requests()).as("model calls").isEmpty();
    }

    @Test
    void jsonNamesTheAfterChunkAndCachedSummariesOnceTheyExist() throws Exception {
        PromptPlanner.PromptPlan plan = planner.plan(repo, BIG, ASK, Optional.empty());
        List<FileChunk> chunks = plan.file().chunks().stream().map(c -> c.chunk()).toList();
        for (FileChunk c : chunks) {
            stub.answer("Transforms records (" + c.label() + ").");
        }
        summaries.summarize(CliRepos.name(repo), BIG, "python", chunks);
        int calls = stub.requests().size();
        assertThat(calls).isEqualTo(chunks.size());

        CliRun run = CliRun.of(factory, "context", "--repo", repo.toString(), "--file", BIG, "--after",
                "transform_record_3", "--json", ASK);

        assertThat(run.exit()).as(run.out()).isZero();
        JsonNode o = mapper.readTree(run.out());
        assertThat(o.get("file").asText()).isEqualTo(BIG);
        assertThat(o.get("chunked").asBoolean()).isTrue();
        assertThat(o.get("choice").asText()).isEqualTo("named");
        assertThat(o.get("insertionPoint").asText()).startsWith("after ").contains("transform_record_3");
        assertThat(o.get("chunks")).hasSize(chunks.size()).allSatisfy(c -> {
            assertThat(c.get("source").asText()).isEqualTo("cached");
            assertThat(c.get("summary").asText()).startsWith("Transforms records (");
        });
        List<JsonNode> full = new ArrayList<>();
        o.get("chunks").forEach(c -> {
            if (c.get("shownInFull").asBoolean()) {
                full.add(c);
            }
        });
        assertThat(full).hasSize(1);
        assertThat(full.get(0).get("label").asText()).contains("transform_record_3");
        assertThat(o.get("snippets")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("combined").asDouble()).isBetween(0.0, 1.0);
            assertThat(s.get("vector").asDouble()).isBetween(-1.0, 1.0);
            assertThat(s.get("keyword").asDouble()).isGreaterThanOrEqualTo(0.0);
        });
        assertThat(o.get("promptTokens").asInt()).isPositive()
                .isLessThan(planner.plan(repo, BIG, ASK, Optional.empty()).file().fileTokens());
        assertThat(stub.requests()).as("no further model calls").hasSize(calls);
    }

    @Test
    void withoutAFileItPicksTheClosestSourceFileAndIndexesOnlyWhatChanged() throws Exception {
        CliRun run = CliRun.of(factory, "context", "--repo", repo.toString(), "retry a flaky call, waiting longer each time");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("file: net/retry.py (picked)").contains("shown whole");

        // A file shown whole: --after still moves the insertion point, and an unknown name is bad input.
        CliRun after = CliRun.of(factory, "context", "--repo", repo.toString(), "--file", "geo/units.py", "--after",
                "km_to_miles", "miles to km");
        assertThat(after.out()).contains("shown whole").contains("insertion point: after km_to_miles (line 3)");
        CliRun unknown = CliRun.of(factory, "context", "--repo", repo.toString(), "--file", "geo/units.py", "--after",
                "nope", "miles to km");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("no chunk named 'nope' in geo/units.py; chunks: km_to_miles");

        CliRun again = CliRun.of(factory, "context", "--repo", repo.toString(), "retry a flaky call");
        assertThat(again.out()).contains("index: up to date (commit ");
        Files.writeString(repo.resolve("net/retry.py"), "\n\ndef jitter(delay):\n    return delay * 1.1\n",
                StandardOpenOption.APPEND);
        CliRun changed = CliRun.of(factory, "context", "--repo", repo.toString(), "--file", "net/retry.py", "retry");
        // A changed tree is never filed under the commit it differs from; only the new chunk is embedded.
        assertThat(changed.out()).containsPattern("index: \\d+ chunks at working tree with changes, 1 embedded now");
    }

    @Test
    void badInputEndsWithExitTwoAndSaysWhy() throws Exception {
        Files.writeString(repo.getParent().resolve("outside.py"), "x = 1\n");
        assertThat(CliRun.of(factory, "context", "--repo", repo.toString(), "--file", "../outside.py", ASK))
                .satisfies(r -> assertThat(r.exit()).isEqualTo(2))
                .satisfies(r -> assertThat(r.out()).contains("is outside the repository"));
        assertThat(CliRun.of(factory, "context", "--repo", repo.toString(), "--file", "geo/missing.py", ASK))
                .satisfies(r -> assertThat(r.exit()).isEqualTo(2))
                .satisfies(r -> assertThat(r.out()).contains("--file geo/missing.py does not exist"));
        assertThat(CliRun.of(factory, "context", "--repo", repo.toString(), "--file", "README.md", ASK))
                .satisfies(r -> assertThat(r.exit()).isEqualTo(2))
                .satisfies(r -> assertThat(r.out()).contains("is not Python, Java or JavaScript"));
        assertThat(CliRun.of(factory, "context", "--repo", repo.resolve("nope").toString(), ASK).exit()).isEqualTo(2);
        assertThat(stub.requests()).isEmpty();
    }
}
