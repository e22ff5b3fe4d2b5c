package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Language;
import dev.selfcode.config.Threshold;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.GenerationRequest;

/** The generate stage's prompt input is built from checkout and context alone. */
class GenerateHelperTest {

    @Test
    void theGeneratorSeesTheFileTheSnippetsAndTheNotesOfContext() {
        var tree = new CheckOut.CheckedOut(null, StageFixtures.config(), "calc.py", Language.PYTHON, Threshold.of(1),
                StageFixtures.CALC, Optional.empty());
        var context = new GatherContext.Context(List.of(new Chunk("util.py", "clamp", 3, 5, "def clamp(): ...")),
                List.of("An earlier attempt \"x\" was reverted: roi dropped"));

        GenerationRequest prompt = GenerateHelper.prompt(StageFixtures.request(Path.of("r"), "calc.py", "add a mul helper"),
                tree, context);

        assertThat(prompt.description()).isEqualTo("add a mul helper");
        assertThat(prompt.filePath()).isEqualTo("calc.py");
        assertThat(prompt.language()).isEqualTo("python");
        assertThat(prompt.fileContent()).isEqualTo(StageFixtures.CALC);
        assertThat(prompt.snippets()).containsExactly(new GenerationRequest.Snippet("util.py", 3, "def clamp(): ..."));
        assertThat(prompt.notes()).containsExactly("An earlier attempt \"x\" was reverted: roi dropped");
        assertThat(prompt.repo()).isEqualTo("local/r");
    }

    @Test
    void aHugeFileIsPassedWholeForThePromptToChunk() {
        String huge = "x = 1\n".repeat(10_000);
        var tree = new CheckOut.CheckedOut(null, StageFixtures.config(), "big.py", Language.PYTHON, Threshold.of(1), huge,
                Optional.empty());
        GenerationRequest prompt = GenerateHelper.prompt(StageFixtures.request(Path.of("r"), "big.py", "d"), tree,
                new GatherContext.Context(List.of(), List.of()));
        assertThat(prompt.fileContent()).isEqualTo(huge);
    }

    @Test
    void theSummaryNamesGeneratorModelTokensAndLines() {
        GeneratedCode code = new GeneratedCode("def mul(a, b):\n    return a * b\n", "llm", "gpt-x", 100, 20, "p", "r");
        assertThat(GenerateHelper.summary(code)).isEqualTo("llm (gpt-x), tokens 120 (100 prompt + 20 answer), 2 lines");
    }
}
