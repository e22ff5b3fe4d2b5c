package dev.selfcode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.selfcode.engine.RevertPatch;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.GitSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code selfcode rollback PATCH_ID}: reverts a kept patch that was merged into a local branch, as the rollback watch
 * does on GitHub: a revert commit on {@code selfcode/revert-<id>} (the working tree and checked-out branch untouched),
 * measured in the sandbox against the branch as it is.
 */
@Command(name = "rollback", description = "Revert a kept patch of a local git repository after it was merged: a "
        + "revert commit on the branch selfcode/revert-<id>, measured against the branch as it is now (the working "
        + "tree is not touched). Exit codes: 0 revert branch made, 1 failure, 2 bad input (unknown or unkept patch, "
        + "not merged, or the revert does not apply cleanly).")
class RollbackCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATCH_ID", description = "the patch to revert (see selfcode history)")
    long patchId;

    @Option(names = "--onto", paramLabel = "REF", description = "the branch the patch was merged into (default: HEAD)")
    String onto;

    @Mixin
    RepoDir repoDir;

    @Spec
    CommandSpec spec;

    @Inject
    PatchHistory history;
    @Inject
    RevertPatch revert;
    @Inject
    RollbackWatch watch;
    @Inject
    GitSync git;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repoDir.missing(err)) {
            return 2;
        }
        Path dir = repoDir.dir();
        String repo = CliRepos.name(dir);
        PatchAttempt patch = history.get(patchId);
        Optional<String> refused = refusal(patch, repo);
        if (refused.isPresent()) {
            err.println("selfcode: " + refused.get());
            err.flush();
            return 2;
        }
        String branch = "selfcode/revert-" + patchId;
        out.println("selfcode: reverting patch #" + patchId + " (" + patch.headSha.substring(0, 8) + ") on "
                + (onto == null ? "HEAD" : onto) + " of " + dir);
        out.flush();
        try (RevertPatch.Reverted r = revert.run(repo, GitRemote.local(dir), Optional.ofNullable(onto),
                new RevertPatch.Range(patch.baseSha, patch.headSha), branch)) {
            if (!r.measured()) {
                err.println("selfcode: no revert made: " + r.problem().orElseThrow());
                err.flush();
                return r.conflicts().isEmpty() && !r.undone().isEmpty() ? 1 : 2;
            }
            git.pushBranch(r.worktree(), GitRemote.local(dir), true);
            watch.reverted(patchId, branch, null, r.table());
            out.println(r.table());
            out.println("selfcode: branch " + branch + " created in " + dir + " (" + r.undone().size()
                    + " commit(s) reverted); merge it to undo patch #" + patchId);
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("selfcode: the revert failed: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private Optional<String> refusal(PatchAttempt patch, String repo) {
        if (patch == null) {
            return Optional.of("there is no patch #" + patchId + " (see selfcode history)");
        }
        if (!repo.equals(patch.repo)) {
            return Optional.of("patch #" + patchId + " belongs to " + patch.repo + ", not " + repo
                    + "; run this in that repository (--repo)");
        }
        if (!PatchAttempt.KEEP.equals(patch.decision) || patch.headSha == null || patch.baseSha == null) {
            return Optional.of("patch #" + patchId + " was not kept (decision " + patch.decision
                    + "); there is nothing to revert");
        }
        return Optional.empty();
    }
}
