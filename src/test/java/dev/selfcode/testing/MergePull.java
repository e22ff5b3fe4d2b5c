package dev.selfcode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;

/** Merges a pull request inside the hosted bare repository: a merge commit, a squash, or a fast-forward rebase. */
final class MergePull {

    private MergePull() {
    }

    /** Moves the base branch and returns the new base commit; throws GitHub's 405/409 answers when it cannot. */
    static String merge(HostedRepo repo, FakePull pull, String method, String title, String message) {
        ObjectId head = repo.git.resolve("refs/heads/" + pull.head());
        ObjectId base = repo.git.resolve("refs/heads/" + pull.base());
        if (head == null || base == null) {
            throw new GitHubError(405, "Pull Request is not mergeable");
        }
        if ("rebase".equals(method)) {
            // A rebase of commits already on top of the base is a fast-forward; anything else is not supported here.
            if (!repo.git.isAncestor(base, head)) {
                throw new GitHubError(405, "The fake GitHub rebases only fast-forwardable pull requests");
            }
            move(repo, pull, head, base);
            return head.name();
        }
        try (ObjectInserter inserter = repo.git.repository().newObjectInserter()) {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo.git.repository(), true);
            if (!merger.merge(base, head)) {
                throw new GitHubError(405, "Pull Request is not mergeable");
            }
            String defaultTitle = "squash".equals(method)
                    ? pull.title() + " (#" + pull.number() + ")"
                    : "Merge pull request #" + pull.number() + " from " + repo.owner + "/" + pull.head();
            String fullMessage = (title == null ? defaultTitle : title)
                    + "\n\n" + (message == null ? pull.title() : message);
            ObjectId[] parents = "squash".equals(method) ? new ObjectId[]{base} : new ObjectId[]{base, head};
            ObjectId commit = repo.git.insertCommit(inserter, merger.getResultTreeId(), fullMessage, parents);
            move(repo, pull, commit, base);
            return commit.name();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge pull request #" + pull.number(), e);
        }
    }

    private static void move(HostedRepo repo, FakePull pull, ObjectId to, ObjectId expectedBase) {
        if (!repo.git.setRef("refs/heads/" + pull.base(), to, expectedBase, false)) {
            throw new GitHubError(409, "Base branch was modified. Review and try the merge again.");
        }
    }
}
