package dev.selfcode.engine;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.jgit.lib.PersonIdent;

import dev.selfcode.workspace.Worktree;

/**
 * The publish stage: a kept change is committed on the job's branch and handed to the publisher (local branch,
 * or push and pull request); a reverted one is explained by the publisher. Nothing else.
 */
final class PublishPatch {

    static final PersonIdent AUTHOR = CommitAuthor.SELFCODE;

    private PublishPatch() {
    }

    /**
     * What publishing did.
     *
     * @param report the report, with the commit when one was made
     * @param shown  what the publisher made visible (a branch, a PR URL), empty when nothing
     */
    record Published(PatchReport report, Optional<String> shown) {

        String summary() {
            Decision decision = report.decision().orElseThrow();
            if (!decision.kept()) {
                return "reverted; the repository is unchanged";
            }
            Worktree tree = report.worktree().orElseThrow();
            return shown.orElse("committed " + report.headSha().orElseThrow().substring(0, 8) + " on " + tree.branch());
        }
    }

    static Published run(PatchReport report, Publisher publisher) throws IOException {
        Decision decision = report.decision().orElseThrow();
        if (!decision.kept()) {
            publisher.revert(report);
            return new Published(report, Optional.empty());
        }
        String sha = report.worktree().orElseThrow().commit(commitMessage(report, decision), AUTHOR);
        PatchReport committed = report.committed(sha);
        return new Published(committed, publisher.keep(committed));
    }

    static String commitMessage(PatchReport report, Decision decision) {
        return "selfcode: " + report.request().description() + "\n\nPatch #" + report.patchId()
                + ", kept by Selfcode after evaluation.\n\n" + DecisionTable.text(decision)
                + report.generated().map(g -> "tokens: " + DecisionTable.tokens(g) + "\n").orElse("");
    }
}
