package dev.selfcode.github;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.selfcode.metrics.PatchAttempt;

/** Writes what became of a Selfcode pull request into {@code patch_history.pr_outcome}. */
@ApplicationScoped
public class PullRequestOutcomes {

    public static final String MERGED = "merged";
    public static final String CLOSED = "closed";

    /** Marks every attempt published as this PR (or on its branch, before the PR number was recorded). */
    @Transactional
    public int record(String repo, int prNumber, String branch, String outcome) {
        return PatchAttempt.update("prOutcome = ?1 where repo = ?2 and (prNumber = ?3 or (prNumber is null and branch = ?4"
                + " and decision = ?5))", outcome, repo, prNumber, branch, PatchAttempt.KEEP);
    }

    /** Remembers the PR a kept attempt was published as. */
    @Transactional
    public void published(long patchId, int prNumber) {
        PatchAttempt.update("prNumber = ?1 where id = ?2", prNumber, patchId);
    }
}
