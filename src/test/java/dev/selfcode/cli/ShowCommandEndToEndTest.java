package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import picocli.CommandLine;

/**
 * {@code selfcode show} and {@code --json} on {@code show}, {@code history} and {@code worst}, end to end: real patches
 * by {@code selfcode apply} on a real git repository (the real langchain4j client against the OpenAI stub, the real
 * Docker sandbox, the real MariaDB), then the commands a user runs to look at them, standard output and standard
 * error kept apart.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class ShowCommandEndToEndTest {

    @Inject
    CommandLine.IFactory factory;
    @Inject
    PatchHistory history;

    OpenAiStub llm;
    Path root;

    /** What a command printed on each stream. */
    record Printed(int exit, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        llm = OpenAiStubResource.stub();
        llm.reset();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "show-");
    }

    Printed selfcode(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(SelfcodeCommand.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Printed(exit, out.toString(), err.toString());
    }

    /** The whole of standard output as one JSON document (a second document or any other text fails). */
    static JsonNode json(Printed p) throws Exception {
        assertThat(p.exit()).as(p.toString()).isZero();
        assertThat(p.err()).as(p.toString()).isEmpty();
        assertThat(p.out().strip().lines()).as("one line, one document").hasSize(1);
        return new ObjectMapper().readTree(p.out());
    }

    /** The decision table's lines as a command printed them: from its header to the first blank line. */
    static String table(String printed) {
        List<String> lines = printed.lines().toList();
        int start = 0;
        while (start < lines.size() && !lines.get(start).matches("metric\\s+base\\s+candidate\\s+delta.*")) {
            start++;
        }
        assertThat(start).as("a decision table in:\n" + printed).isLessThan(lines.size());
        return lines.subList(start, lines.size()).stream().takeWhile(l -> !l.isBlank())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aKeptAndARefusedPatchAreShownAsApplyDecidedThemAndAsJson() throws Exception {
        Path repo = TestRepos.create(root.resolve("py"), TestRepos.python("60s"));
        llm.answer("```python\ndef normalize_text(text):\n    return collapse_spaces(text).lower()\n```");
        Printed kept = selfcode("apply", "--repo", repo.toString(), "--file", "textutils.py", "--generator", "llm",
                "normalize text");
        assertThat(kept.exit()).as(kept.toString()).isZero();
        long keptId = Long.parseLong(kept.out().substring(kept.out().lastIndexOf("patch id: ") + 10).strip());
        llm.answer("```python\ndef slugify(text):\n    return text\n```");
        Printed refused = selfcode("apply", "--repo", repo.toString(), "--file", "textutils.py", "--generator", "llm",
                "faster slugify");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        long refusedId = Long.parseLong(refused.out().substring(refused.out().lastIndexOf("patch id: ") + 10).strip());

        // The text: the same table apply printed, then the tokens and the diff.
        Printed shown = selfcode("show", Long.toString(keptId));
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.err()).isEmpty();
        assertThat(table(shown.out())).isEqualTo(table(kept.out())).contains("roi").contains("errors")
                .contains("complexity");
        assertThat(shown.out()).startsWith("patch #" + keptId + "  KEEP  " + CliRepos.name(repo))
                .contains("description: normalize text")
                .contains("tokens: " + (OpenAiStub.PROMPT_TOKENS + OpenAiStub.COMPLETION_TOKENS) + " ("
                        + OpenAiStub.PROMPT_TOKENS + " prompt + " + OpenAiStub.COMPLETION_TOKENS + " answer)")
                .contains("\ndiff:\n").contains("+def normalize_text(text):");

        Printed refusedShown = selfcode("show", "#" + refusedId);
        assertThat(refusedShown.exit()).as(refusedShown.toString()).isZero();
        assertThat(refusedShown.out()).contains("no decision table: the attempt stopped at the guard stage")
                .contains("reasons:").contains("redefines slugify");

        // The JSON: the API's patch detail (GET /api/patches/{id}); the numbers are the database's.
        PatchAttempt a = history.get(keptId);
        JsonNode o = json(selfcode("show", "--json", Long.toString(keptId)));
        assertThat(o.get("id").asLong()).isEqualTo(keptId);
        assertThat(o.get("repo").asText()).isEqualTo(CliRepos.name(repo));
        assertThat(o.get("decisionValue").asText()).isEqualTo("KEEP");
        assertThat(o.get("createdAt").asText()).isEqualTo(a.createdAt.toString());
        assertThat(o.get("baseSha").asText()).isEqualTo(a.baseSha);
        assertThat(o.get("failureStage").isNull()).isTrue();
        JsonNode roi = o.get("decision").get(0);
        assertThat(roi.get("metric").asText()).isEqualTo("roi");
        assertThat(roi.get("base").asDouble()).isEqualTo(a.roiBefore);
        assertThat(roi.get("candidate").asDouble()).isEqualTo(a.roiAfter);
        assertThat(roi.get("delta").asDouble()).isEqualTo(a.roiDelta);
        assertThat(roi.get("verdict").asText()).isEqualTo("ok");
        assertThat(roi.get("fired").asBoolean()).isFalse();
        JsonNode errors = o.get("decision").get(1);
        assertThat(errors.get("metric").asText()).isEqualTo("errors");
        assertThat(errors.get("candidate").asDouble()).isEqualTo(a.errorsAfter);
        assertThat(o.get("tokens").get("prompt").asInt()).isEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(o.get("tokens").get("total").asInt())
                .isEqualTo(OpenAiStub.PROMPT_TOKENS + OpenAiStub.COMPLETION_TOKENS);
        assertThat(o.get("model").asText()).isEqualTo(OpenAiStub.MODEL);
        assertThat(o.get("timings").findValuesAsText("stage")).contains("checkout", "evaluate", "decide");
        assertThat(o.get("calls").get(0).get("promptTokens").asInt()).isEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(o.get("diff").asText()).isEqualTo(a.diff).contains("+def normalize_text(text):");

        JsonNode r = json(selfcode("show", Long.toString(refusedId), "--json"));
        assertThat(r.get("decisionValue").asText()).isEqualTo("REVERT");
        assertThat(r.get("failureStage").asText()).isEqualTo("guard");
        assertThat(r.get("decision").isEmpty()).isTrue();
        assertThat(r.get("reasons").get(0).asText()).contains("redefines slugify");

        // history --json: newest first, the same ids.
        JsonNode h = json(selfcode("history", "--repo", repo.toString(), "--json"));
        assertThat(h.get("repo").asText()).isEqualTo(CliRepos.name(repo));
        assertThat(h.get("limit").asInt()).isEqualTo(20);
        assertThat(h.get("patches")).hasSize(2);
        assertThat(h.get("patches").get(0).get("id").asLong()).isEqualTo(refusedId);
        assertThat(h.get("patches").get(0).get("decision").asText()).isEqualTo("REVERT");
        assertThat(h.get("patches").get(0).get("failureStage").asText()).isEqualTo("guard");
        assertThat(h.get("patches").get(1).get("id").asLong()).isEqualTo(keptId);
        assertThat(h.get("patches").get(1).get("roiDelta").asDouble()).isEqualTo(a.roiDelta);
        assertThat(h.get("patches").get(1).get("file").asText()).isEqualTo("textutils.py");
        assertThat(h.get("patches").get(1).get("description").asText()).isEqualTo("normalize text");

        // worst --json: the one sample apply recorded of the base, not enough to rank.
        JsonNode w = json(selfcode("worst", "--repo", repo.toString(), "--json"));
        assertThat(w.get("samples").asInt()).isEqualTo(1);
        assertThat(w.get("enough").asBoolean()).isFalse();
        assertThat(w.get("worst").isNull()).isTrue();
    }

    @Test
    void anUnknownOrMalformedIdIsOneLineOnStandardErrorAndExitTwo() throws Exception {
        Printed unknown = selfcode("show", "--json", "987654321");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("selfcode: there is no patch #987654321 in this database; selfcode history"
                + " lists the recorded ids\n");

        for (String bad : List.of("abc", "0", "12x", "1.5")) {
            Printed malformed = selfcode("show", bad);
            assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(2);
            assertThat(malformed.out()).isEmpty();
            assertThat(malformed.err()).as(bad).isEqualTo("selfcode: PATCH_ID must be a whole number above 0 such as"
                    + " 12, not \"" + bad + "\"; selfcode history lists the recorded ids\n");
        }

        Printed empty = selfcode("history", "--repo", root.resolve("nothing-here").toString(), "--json");
        assertThat(json(empty).get("patches").isEmpty()).isTrue();
    }
}
