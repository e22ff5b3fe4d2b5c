package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.Language;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.memory.MemoryStore;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;

/** The context stage gathers snippets from the index and notes from the history (both in MariaDB). */
@QuarkusTest
class GatherContextTest {

    @Inject
    GatherContext gatherContext;
    @Inject
    PatchHistory history;
    @Inject
    MemoryStore notes;

    @TempDir
    Path tmp;

    @Test
    void snippetsComeFromTheIndexAndEarlierRevertsBecomeNotes() throws Exception {
        var tree = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        try (var wt = tree.worktree()) {
            PatchRequest request = StageFixtures.request(tmp.resolve("ctx-" + System.nanoTime()), "calc.py",
                    "make sub handle floats");
            long earlier = history.open(request.repo(), "calc.py", "add a divide helper", "cli", null);
            history.update(earlier, a -> {
                a.decision = PatchAttempt.REVERT;
                a.reasons = "errors changed by +1.000 (delta > 0.5)";
            });
            long current = history.open(request.repo(), "calc.py", request.description(), "cli", null);

            var context = gatherContext.run(request, tree, current);

            assertThat(context.snippets()).isNotEmpty().allMatch(c -> c.path().equals("calc.py"));
            assertThat(context.notes()).containsExactly("An earlier attempt \"add a divide helper\" was reverted: "
                    + "errors changed by +1.000 (delta > 0.5)");
            assertThat(context.summary()).isEqualTo(context.snippets().size() + " related snippet(s)");
        }
    }

    @Test
    void theRepositorysLearnedNotesGoIntoTheNotesLatestVersionOnly() throws Exception {
        var tree = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        try (var wt = tree.worktree()) {
            PatchRequest request = StageFixtures.request(tmp.resolve("notes-" + System.nanoTime()), "calc.py",
                    "make sub handle floats");
            notes.write(request.repo(), "numbers", GptMemory.INSIGHT, "maintainers round money with Decimal");
            notes.write(request.repo(), "numbers", GptMemory.INSIGHT, "maintainers want floats compared with isclose");
            notes.write("someone/else", "numbers", GptMemory.INSIGHT, "not this repository's note");
            long current = history.open(request.repo(), "calc.py", request.description(), "cli", null);

            var context = gatherContext.run(request, tree, current);

            assertThat(context.notes()).containsExactly("Learned about this repository (numbers, v2): maintainers want"
                    + " floats compared with isclose");
        }
    }
}
