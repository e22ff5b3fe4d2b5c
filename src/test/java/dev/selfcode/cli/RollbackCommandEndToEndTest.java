package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import picocli.CommandLine;

/**
 * {@code selfcode rollback} end to end: a helper kept by {@code apply} (LLM stub, real sandbox) is merged into main
 * with a merge commit; the rollback makes a revert commit on {@code selfcode/revert-<id>} that restores the file,
 * measures it, and leaves the working tree and checked-out branch alone. Before the merge, and after a later commit
 * rewrote the helper's lines, there is nothing clean to revert and it says so with exit code 2.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class RollbackCommandEndToEndTest {

    @Inject
    CommandLine.IFactory factory;
    @Inject
    PatchHistory history;

    OpenAiStub llm;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        llm = OpenAiStubResource.stub();
        llm.reset();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "rollback-");
    }

    @Test
    void aMergedPatchIsRevertedOnItsOwnBranchAndMeasured() throws Exception {
        Map<String, String> files = TestRepos.python("60s");
        Path repo = TestRepos.create(root.resolve("py"), files);
        llm.answer("```python\ndef normalize_text(text):\n    return collapse_spaces(text).lower()\n```");
        CliRun kept = CliRun.of(factory, "apply", "--repo", repo.toString(), "--file", "textutils.py", "--generator",
                "llm", "normalize text");
        assertThat(kept.exit()).as(kept.out()).isZero();
        long id = kept.patchId();
        String branch = ApplyCommandEndToEndTest.selfcodeBranches(repo).get(0);

        CliRun early = rollback(repo, id);
        assertThat(early.exit()).as(early.out()).isEqualTo(2);
        assertThat(early.out()).contains("is not on the branch").contains("merge it first");

        try (Git git = Git.open(repo.toFile())) {
            git.merge().include(git.getRepository().resolve(branch)).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setMessage("Merge the normalize helper").call();
        }
        String merged = Files.readString(repo.resolve("textutils.py"));
        assertThat(merged).contains("def normalize_text");
        ObjectId head = head(repo);

        CliRun undone = rollback(repo, id);
        assertThat(undone.exit()).as(undone.out()).isZero();
        assertThat(undone.out()).contains("| branch now (").contains("with the revert")
                .contains("branch selfcode/revert-" + id + " created");
        try (Git git = Git.open(repo.toFile())) {
            RevCommit revert = git.getRepository().parseCommit(git.getRepository().resolve("selfcode/revert-" + id));
            assertThat(revert.getParent(0).getId()).as("the revert sits on main as it was").isEqualTo(head);
            assertThat(revert.getFullMessage()).startsWith("Revert \"selfcode: normalize text");
            assertThat(read(git, revert, "textutils.py")).isEqualTo(files.get("textutils.py"));
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            assertThat(git.status().call().isClean()).isTrue();
        }
        assertThat(head(repo)).as("main is not moved").isEqualTo(head);
        assertThat(Files.readString(repo.resolve("textutils.py"))).as("the working tree is untouched").isEqualTo(merged);
        assertThat(history.get(id).prOutcome).isEqualTo(PatchAttempt.ROLLED_BACK);

        WorstCommandEndToEndTest.commit(repo, "textutils.py", merged.replace(".lower()", ".upper()"));
        CliRun conflict = rollback(repo, id);
        assertThat(conflict.exit()).as(conflict.out()).isEqualTo(2);
        assertThat(conflict.out()).contains("does not apply cleanly").contains("textutils.py");

        CliRun unknown = rollback(repo, 999_999_999L);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("there is no patch #999999999");
    }

    private CliRun rollback(Path repo, long id) {
        return CliRun.of(factory, "rollback", String.valueOf(id), "--repo", repo.toString());
    }

    private static ObjectId head(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.getRepository().resolve("HEAD");
        }
    }

    private static String read(Git git, RevCommit commit, String path) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return new String(git.getRepository().open(walk.getObjectId(0)).getBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
