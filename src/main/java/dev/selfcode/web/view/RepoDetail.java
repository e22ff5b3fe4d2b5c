package dev.selfcode.web.view;

import java.time.Instant;
import java.util.List;

/**
 * One repository's page and {@code GET /api/repos/{owner}/{name}}.
 *
 * @param summary  as listed
 * @param patches  patch attempts ever recorded
 * @param config   the settings in force
 * @param breaker  where the circuit breaker stands
 * @param budgets  what is used of each budget (rolling 24 hours) against its limit
 * @param sweep    the sweep schedule, null when the repository has none
 * @param latest   the newest metric sample, null when none
 */
public record RepoDetail(RepoSummary summary, long patches, ConfigInForce config, Breaker breaker, Budgets budgets,
        Sweep sweep, TrendView.Sample latest) {

    /**
     * The settings Selfcode applies to the repository.
     *
     * @param maxOpenPrs       open pull request budget
     * @param maxPatchesPerDay patch budget per 24 hours
     * @param maxTokensPerDay  token budget per 24 hours
     * @param breakerSize      rejected or rolled-back patches in a row that trip the breaker
     * @param limitsSource     where the limits come from: "server defaults" (a repository's own
     *                         {@code .github/selfcode.yml} is read when a job starts and is not stored)
     * @param clamped          repository values the server's caps lowered
     * @param threshold        the threshold of the newest decided patch, null before the first
     */
    public record ConfigInForce(int maxOpenPrs, int maxPatchesPerDay, long maxTokensPerDay, int breakerSize,
            String limitsSource, List<String> clamped, Double threshold) {

        public ConfigInForce {
            clamped = List.copyOf(clamped);
        }
    }

    /**
     * @param inARow      rejected or rolled-back patches in a row since the last reset
     * @param limit       how many trip it
     * @param open        it stops new work
     * @param trippedAt   when the trip was announced, null when not
     * @param trippedBy   the patch that tripped it
     * @param resetAt     the last reset
     * @param resetBy     who reset it
     */
    public record Breaker(int inARow, int limit, boolean open, Instant trippedAt, Long trippedBy, Instant resetAt,
            String resetBy) {
    }

    /** Used against limit: open pull requests, patches and tokens in the last 24 hours. */
    public record Budgets(int openPulls, int maxOpenPrs, int patches, int maxPatchesPerDay, long tokens,
            long maxTokensPerDay) {
    }

    /** The schedule: cron in its time zone, the next and the last due time. */
    public record Sweep(String cron, String timezone, Instant nextDue, Instant lastDue) {
    }
}
