package dev.selfcode.guardrail;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.selfcode.metrics.PatchAttempt;

/**
 * The per-repository circuit breaker, counted from patch history: attempts the engine threw away (decision REVERT:
 * worse numbers, or a candidate rejected as bad code, a build failure, a timeout) and kept patches later rolled back
 * count; a kept patch ends the run; failures that are not the patch's doing (decision FAILED: Docker, LLM or GitHub
 * outages, bad input, an unmeasurable base) neither count nor end it. Callers hold the transaction.
 */
@ApplicationScoped
class CircuitBreaker {

    /** The {@code pr_outcome} of a kept patch that a rollback reverted. */
    static final String ROLLED_BACK = PatchAttempt.ROLLED_BACK;
    /** How far back a run is counted; far above any breaker size a server allows. */
    private static final int MAX_COUNTED = 100;

    @Inject
    EntityManager em;

    /** Patch attempts up to this id are not counted (the last reset); 0 for a repository never tripped or reset. */
    long countedAfter(String repo) {
        RepoBreaker row = em.find(RepoBreaker.class, repo);
        return row == null ? 0 : row.countedAfter;
    }

    /** Creates the repository's row (closed) unless it exists; idempotent under concurrency. */
    private void ensureRow(String repo, Instant now) {
        em.createNativeQuery("INSERT IGNORE INTO repo_breaker (repo, counted_after, updated_at) VALUES (?1, 0, ?2)")
                .setParameter(1, repo).setParameter(2, now).executeUpdate();
    }

    /**
     * Rejected or rolled-back patches in a row, newest first, after the last reset. Read down the (repo, id) index:
     * left alone, MariaDB walks the primary key backwards and filters by repository, thousands of rows for one of
     * fifty repositories.
     */
    int inARow(String repo, long countedAfter) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT decision, pr_outcome FROM patch_history"
                + " FORCE INDEX (ix_patch_repo_id) WHERE repo = ?1 AND id > ?2 AND decision IN (?3, ?4)"
                + " ORDER BY id DESC LIMIT ?5").setParameter(1, repo).setParameter(2, countedAfter)
                .setParameter(3, PatchAttempt.KEEP).setParameter(4, PatchAttempt.REVERT).setParameter(5, MAX_COUNTED)
                .getResultList();
        int count = 0;
        for (Object[] r : rows) {
            if (!PatchAttempt.REVERT.equals(r[0]) && !ROLLED_BACK.equals(r[1])) {
                break;
            }
            count++;
        }
        return count;
    }

    /** Marks the trip announced; true for the one caller that did it (the others must stay silent). */
    boolean announce(String repo, Instant now, long patchId, Integer issue) {
        ensureRow(repo, now);
        return em.createQuery("update RepoBreaker b set b.trippedAt = :now, b.trippedPatchId = :patch,"
                + " b.trippedIssue = :issue, b.updatedAt = :now where b.repo = :repo and b.trippedAt is null")
                .setParameter("now", now).setParameter("patch", patchId).setParameter("issue", issue)
                .setParameter("repo", repo).executeUpdate() == 1;
    }

    /** Closes the breaker: only attempts made after this moment count. */
    void reset(String repo, Instant now, String by) {
        ensureRow(repo, now);
        long newest = em.createQuery("select coalesce(max(a.id), 0) from PatchAttempt a where a.repo = :repo", Long.class)
                .setParameter("repo", repo).getSingleResult();
        em.createQuery("update RepoBreaker b set b.countedAfter = :newest, b.trippedAt = null, b.trippedPatchId = null,"
                + " b.trippedIssue = null, b.resetAt = :now, b.resetBy = :by, b.updatedAt = :now where b.repo = :repo")
                .setParameter("newest", newest).setParameter("now", now).setParameter("by", by)
                .setParameter("repo", repo).executeUpdate();
    }
}
