package dev.selfcode.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.selfcode.engine.PatchReport;
import dev.selfcode.engine.Publisher;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.GitSync;
import dev.selfcode.workspace.Worktree;

/**
 * The CLI's publisher: a kept change becomes a branch in the user's repository (its working tree and
 * checked-out branch untouched), optionally pushed to {@code origin}; a reverted change leaves nothing.
 */
final class PublishLocally implements Publisher {

    private final GitSync git;
    private final Path repo;
    private final boolean push;

    PublishLocally(GitSync git, Path repo, boolean push) {
        this.git = git;
        this.repo = repo;
        this.push = push;
    }

    @Override
    public Optional<String> keep(PatchReport report) throws IOException {
        Worktree tree = report.worktree().orElseThrow();
        String branch = tree.branch();
        git.pushBranch(tree, GitRemote.local(repo), false);
        if (push) {
            git.pushToOrigin(repo, branch);
            return Optional.of("branch " + branch + " created and pushed to origin");
        }
        return Optional.of("branch " + branch + " created in " + repo);
    }

    @Override
    public void revert(PatchReport report) {
        // Nothing was written to the user's repository; the worktree is deleted by the engine.
    }
}
