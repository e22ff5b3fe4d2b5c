package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.memory.MemoryStore;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import picocli.CommandLine;

/**
 * A note learned in one patch is used by the next: a {@code src/} layout Python project whose tests cannot import it
 * without an install, so its base cannot be measured. The first patch finds that {@code pip install -e .} makes them
 * run and writes it to the MemoryStore; the next patch on the repository runs it as its setup (its base passes both
 * tests and the patch is kept) and its prompt carries the note.
 * Real CLI, real langchain4j client against the local stub, real Docker sandbox, real MariaDB and embedding model.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class LearnedSetupEndToEndTest {

    @Inject
    CommandLine.IFactory factory;
    @Inject
    PatchHistory history;
    @Inject
    MemoryStore notes;

    OpenAiStub llm;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        llm = OpenAiStubResource.stub();
        llm.reset();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "learned-");
    }

    static Map<String, String> srcLayout() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pyproject.toml", """
                [build-system]
                requires = ["setuptools"]
                build-backend = "setuptools.build_meta"

                [project]
                name = "shout"
                version = "0.1.0"

                [tool.setuptools.packages.find]
                where = ["src"]
                """);
        files.put("src/shout/__init__.py", """
                def shout(text):
                    return text.upper() + "!"
                """);
        files.put("tests/test_shout.py", """
                from shout import shout


                def test_shout():
                    assert shout("hi") == "HI!"


                def test_shout_empty():
                    assert shout("") == "!"
                """);
        files.put(".github/selfcode.yml", "test: python3 -m pytest -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n"
                + "limits: { memory: 512m, timeout: 60s }\n");
        return files;
    }

    CliRun apply(Path repo, String description) {
        return CliRun.of(factory, "apply", "--repo", repo.toString(), "--file", "src/shout/__init__.py", "--generator",
                "llm", description);
    }

    @Test
    void aSetupCommandThatMadeTheTestsRunIsLearnedAndUsedByTheNextPatch() throws Exception {
        Path repo = TestRepos.create(root.resolve("shout"), srcLayout());
        String name = "local:" + repo;

        llm.answer("```python\ndef whisper(text):\n    return text.lower() + \"...\"\n```");
        CliRun first = apply(repo, "whisper text");
        // Without the install the base cannot even be measured (its tests cannot import the package).
        assertThat(first.exit()).as(first.out()).isNotZero();
        assertThat(first.out()).contains("NOT MEASURED").contains("No module named 'shout'");
        assertThat(history.get(first.patchId()).roiBefore).isNull();
        assertThat(llm.lastPrompt()).doesNotContain("setup-command");
        MemoryStore.Note learned = notes.latest(name, MemoryStore.SETUP_COMMAND).orElseThrow(
                () -> new AssertionError("nothing learned:\n" + first.out()));
        assertThat(learned.text()).contains("pip install").endsWith("-e .");
        assertThat(learned.version()).isEqualTo(1);

        llm.answer("```python\ndef shout_twice(text):\n    return shout(text) + shout(text)\n```");
        CliRun second = apply(repo, "shout twice");

        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(second.out()).contains("KEPT");
        PatchAttempt after = history.get(second.patchId());
        assertThat(after.roiBefore).as("the base's passed tests, now that the setup runs").isEqualTo(2.0);
        assertThat(after.errorsBefore).isZero();
        assertThat(llm.lastPrompt()).contains("Learned about this repository (setup-command, v1): " + learned.text());
        assertThat(notes.versions(name, MemoryStore.SETUP_COMMAND)).as("learned once").hasSize(1);
    }
}
