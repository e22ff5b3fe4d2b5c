package dev.selfcode.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** Moves branches between a worktree, the user's repository and remotes: the original engine's git sync. */
@ApplicationScoped
public class GitSync {

    /** Pushes the worktree's branch to {@code target} (the user's local repository, or GitHub). */
    public void pushBranch(Worktree worktree, GitRemote target, boolean force) throws IOException {
        String ref = "refs/heads/" + worktree.branch();
        PushCommand push = worktree.git().push().setRemote(target.url())
                .setRefSpecs(new RefSpec((force ? "+" : "") + ref + ":" + ref));
        target.credentials().get().ifPresent(push::setCredentialsProvider);
        check(push, target.toString());
    }

    /** Deletes a branch on {@code target}; a branch that is already gone is fine. */
    public void deleteBranch(Worktree worktree, GitRemote target, String branch) throws IOException {
        PushCommand push = worktree.git().push().setRemote(target.url())
                .setRefSpecs(new RefSpec(":refs/heads/" + branch));
        target.credentials().get().ifPresent(push::setCredentialsProvider);
        check(push, target.toString());
    }

    /** {@code git push origin <branch>} in a local repository (the CLI's {@code --push}). */
    public void pushToOrigin(Path localRepo, String branch) throws IOException {
        try (Git git = Git.open(localRepo.toFile())) {
            if (git.getRepository().getConfig().getString("remote", "origin", "url") == null) {
                throw new IOException("the repository has no 'origin' remote to push to");
            }
            String ref = "refs/heads/" + branch;
            check(git.push().setRemote("origin").setRefSpecs(new RefSpec(ref + ":" + ref)), "origin");
        }
    }

    private static void check(PushCommand push, String where) throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            for (PushResult result : push.call()) {
                for (RemoteRefUpdate u : result.getRemoteUpdates()) {
                    switch (u.getStatus()) {
                        case OK, UP_TO_DATE, NON_EXISTING -> {
                        }
                        default -> problems.add(u.getRemoteName() + ": " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                    }
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("push to " + where + " failed: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new IOException("push to " + where + " was refused: " + String.join("; ", problems));
        }
    }
}
