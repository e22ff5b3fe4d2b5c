package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.testsupport.GitRepos;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.Workspaces;
import dev.selfcode.workspace.Worktree;

/**
 * Which commits undo a merged pull request, on real git histories: a merge commit (reverted against its first
 * parent), a squash (its one commit, even when the pull request had several), a rebase merge (the pull request's
 * commits found by their messages on the first-parent chain); and that the revert really restores the files.
 */
class RevertPatchTest {

    private static final PersonIdent WHO = new PersonIdent("test", "test@example.com");

    @TempDir
    Path tmp;

    @Test
    void aRebaseMergeIsItsCommitsAndASquashIsOneCommit() throws Exception {
        Path repo = GitRepos.create(tmp.resolve("r"), Map.of("a.py", "A = 1\n"));
        String one = commit(repo, "b.py", "B = 1\n", "add b");
        String two = commit(repo, "c.py", "C = 1\n", "add c");
        try (Worktree tree = open(repo)) {
            assertThat(RevertPatch.mergedCommits(tree, new RevertPatch.Merged(two, List.of("add b", "add c"))))
                    .as("rebased: both commits, newest first").containsExactly(two, one);
            assertThat(RevertPatch.mergedCommits(tree, new RevertPatch.Merged(two, List.of("fix b", "fix c"))))
                    .as("a squash of two commits is the one merge commit").containsExactly(two);
            assertThat(RevertPatch.mergedCommits(tree, new RevertPatch.Merged(two, List.of("add c"))))
                    .containsExactly(two);

            Worktree.Reverted undone = tree.revert(List.of(two, one), CommitAuthor.SELFCODE);
            assertThat(undone.applied()).isTrue();
            assertThat(undone.commits()).hasSize(2);
            assertThat(Files.exists(tree.dir().resolve("b.py"))).isFalse();
            assertThat(Files.exists(tree.dir().resolve("c.py"))).isFalse();
            assertThat(tree.read("a.py")).isEqualTo("A = 1\n");
        }
    }

    @Test
    void aMergeCommitIsRevertedAgainstItsFirstParent() throws Exception {
        Path repo = GitRepos.create(tmp.resolve("m"), Map.of("a.py", "A = 1\n"));
        String merge;
        try (Git git = Git.open(repo.toFile())) {
            git.branchCreate().setName("feature").call();
            git.checkout().setName("feature").call();
        }
        commit(repo, "helper.py", "def helper():\n    return 1\n", "add helper");
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setName("main").call();
        }
        commit(repo, "a.py", "A = 2\n", "main moves on");
        try (Git git = Git.open(repo.toFile())) {
            merge = git.merge().include(git.getRepository().resolve("feature"))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setMessage("Merge feature").call()
                    .getNewHead().getName();
        }
        try (Worktree tree = open(repo)) {
            assertThat(RevertPatch.mergedCommits(tree, new RevertPatch.Merged(merge, List.of("add helper"))))
                    .containsExactly(merge);
            assertThat(tree.reaches(merge)).isTrue();
            Worktree.Reverted undone = tree.revert(List.of(merge), CommitAuthor.SELFCODE);
            assertThat(undone.applied()).isTrue();
            assertThat(Files.exists(tree.dir().resolve("helper.py"))).as("the feature's file is gone").isFalse();
            assertThat(tree.read("a.py")).as("main's own change stays").isEqualTo("A = 2\n");
        }
    }

    @Test
    void aRevertThatConflictsNamesTheFile() throws Exception {
        Path repo = GitRepos.create(tmp.resolve("c"), Map.of("a.py", "A = 1\n"));
        String change = commit(repo, "a.py", "A = 2\n", "two");
        commit(repo, "a.py", "A = 3\n", "three");
        try (Worktree tree = open(repo)) {
            Worktree.Reverted undone = tree.revert(List.of(change), CommitAuthor.SELFCODE);
            assertThat(undone.applied()).isFalse();
            assertThat(undone.conflicts()).containsExactly("a.py");
            assertThat(tree.reaches("0000000000000000000000000000000000000000")).isFalse();
        }
    }

    private Worktree open(Path repo) throws Exception {
        return new Workspaces(tmp.resolve("data")).open(GitRemote.local(repo), Optional.empty(), "selfcode/revert-1",
                null);
    }

    private static String commit(Path repo, String file, String content, String message) throws Exception {
        Files.writeString(repo.resolve(file), content);
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).call().getName();
        }
    }
}
