package dev.selfcode.github;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.selfcode.memory.GptMemory;
import dev.selfcode.metrics.PatchAttempt;

/**
 * Writes what became of a Selfcode pull request into {@code patch_history.pr_outcome}, and feeds it back to the
 * LLM calls behind those attempts ({@link GptMemory}), so later prompts can learn from merged and closed PRs.
 */
@ApplicationScoped
public class PullRequestOutcomes {

    public static final String MERGED = "merged";
    public static final String CLOSED = "closed";

    @Inject
    GptMemory memory;

    /**
     * Marks every attempt published as this PR (or on its branch, before the PR number was recorded); returns their
     * ids.
     */
    @Transactional
    public List<Long> record(String repo, int prNumber, String branch, String outcome) {
        List<PatchAttempt> attempts = PatchAttempt.list("repo = ?1 and (prNumber = ?2 or (prNumber is null"
                + " and branch = ?3 and decision = ?4))", repo, prNumber, branch, PatchAttempt.KEEP);
        for (PatchAttempt attempt : attempts) {
            attempt.prOutcome = outcome;
            memory.recordOutcome(attempt.id, outcome);
        }
        return attempts.stream().map(a -> a.id).toList();
    }

    /** Remembers the PR a kept attempt was published as. */
    @Transactional
    public void published(long patchId, int prNumber) {
        PatchAttempt.update("prNumber = ?1 where id = ?2", prNumber, patchId);
    }
}
