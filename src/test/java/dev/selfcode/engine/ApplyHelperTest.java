package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Language;
import dev.selfcode.llm.GeneratedCode;

/** The apply stage against a real git worktree. */
class ApplyHelperTest {

    @TempDir
    Path tmp;

    @Test
    void theHelperIsWrittenIntoTheWorktreeAndTheDiffShowsIt() throws Exception {
        var tree = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        try (var wt = tree.worktree()) {
            var applied = ApplyHelper.apply(tree, new GeneratedCode("def mul(a, b):\n    return a * b\n", "template",
                    "template", 0, 0, "", ""));

            assertThat(applied.patched()).startsWith(StageFixtures.CALC.strip()).endsWith("def mul(a, b):\n    return a * b\n");
            assertThat(Files.readString(wt.dir().resolve("calc.py"))).isEqualTo(applied.patched());
            assertThat(applied.diff()).contains("+++ b/calc.py").contains("+def mul(a, b):");
            assertThat(applied.summary(tree)).isEqualTo("+4 line(s) in calc.py");
        }
    }

    @Test
    void afterAChunkTheSummarySaysWhere() throws Exception {
        var base = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        Chunk add = CheckOut.chunk("calc.py", Language.PYTHON, StageFixtures.CALC, "add");
        var tree = new CheckOut.CheckedOut(base.worktree(), base.config(), "calc.py", Language.PYTHON, base.threshold(),
                StageFixtures.CALC, Optional.of(add));
        try (var wt = tree.worktree()) {
            var applied = ApplyHelper.apply(tree, new GeneratedCode("def twice(a):\n    return 2 * a\n", "template",
                    "template", 0, 0, "", ""));
            assertThat(applied.patched().indexOf("def twice")).isLessThan(applied.patched().indexOf("def sub"));
            assertThat(applied.summary(tree)).endsWith("in calc.py after add");
        }
    }
}
