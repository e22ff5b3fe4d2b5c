package dev.selfcode.guardrail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.selfcode.metrics.PatchAttempt;

/**
 * Counts what the budgets limit, from what is already recorded: kept attempts whose pull request is still open,
 * patch attempts and LLM tokens in the rolling window. Callers hold the transaction.
 */
@ApplicationScoped
class BudgetCounts {

    /** Days are rolling: the last 24 hours, not the calendar day. */
    static final Duration WINDOW = Duration.ofHours(24);

    /**
     * Attempts that count against {@code max_patches_per_day}: those that produced a candidate (kept or reverted)
     * and those still running. A failure before a candidate existed (an outage, bad input) costs no patch.
     */
    static final List<String> COUNTED_DECISIONS = List.of(PatchAttempt.KEEP, PatchAttempt.REVERT, PatchAttempt.PENDING);

    private static final String COUNTED_IN = String.join(", ",
            COUNTED_DECISIONS.stream().map(d -> "'" + d + "'").toList());

    @Inject
    EntityManager em;

    /** Pull requests of kept attempts with no recorded outcome yet (merged or closed), lowest number first. */
    List<Integer> openPulls(String repo) {
        return em.createQuery("select distinct a.prNumber from PatchAttempt a where a.repo = :repo"
                + " and a.decision = :keep and a.prNumber is not null and a.prOutcome is null order by a.prNumber",
                Integer.class).setParameter("repo", repo).setParameter("keep", PatchAttempt.KEEP).getResultList();
    }

    /** When each counted attempt in the window was made, oldest first. */
    List<Instant> patches(String repo, Instant now) {
        // The decisions as literals, not a list parameter: Hibernate keeps the translated query of a statement
        // without list parameters, and translates one with them anew each time.
        return em.createQuery("select a.createdAt from PatchAttempt a where a.repo = :repo and a.createdAt > :since"
                + " and a.decision in (" + COUNTED_IN + ") order by a.createdAt", Instant.class)
                .setParameter("repo", repo).setParameter("since", now.minus(WINDOW)).getResultList();
    }

    /** Tokens per model call in the window (prompt + completion; unknown counts as 0), oldest first. */
    List<Spent> tokens(String repo, Instant now) {
        return em.createQuery("select g.createdAt, coalesce(g.promptTokens, 0) + coalesce(g.completionTokens, 0)"
                + " from GptInteraction g where g.repo = :repo and g.createdAt > :since order by g.createdAt",
                Object[].class).setParameter("repo", repo).setParameter("since", now.minus(WINDOW)).getResultList()
                .stream().map(r -> new Spent((Instant) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** Tokens one model call spent, and when. */
    record Spent(Instant at, long tokens) {
    }

    /**
     * When {@code count} items (oldest first) fall below {@code limit}: the moment the item whose leaving does it
     * leaves the window. With a count at the limit that is the oldest; after a lowered limit, a later one.
     */
    static Optional<Instant> patchesReset(List<Instant> times, long limit) {
        int leaving = (int) (times.size() - limit);
        return leaving < 0 ? Optional.empty() : Optional.of(times.get(leaving).plus(WINDOW));
    }

    /** When the tokens spent fall below {@code limit}, as the oldest calls leave the window one by one. */
    static Optional<Instant> tokensReset(List<Spent> spent, long limit) {
        long total = spent.stream().mapToLong(Spent::tokens).sum();
        for (Spent s : spent) {
            if (total < limit) {
                break;
            }
            total -= s.tokens();
            if (total < limit) {
                return Optional.of(s.at().plus(WINDOW));
            }
        }
        return Optional.empty();
    }
}
