package dev.selfcode.web.view;

import java.time.Instant;

/**
 * One repository as the overview and {@code GET /api/repos} list it.
 *
 * @param repo            {@code owner/name}
 * @param installationId  the GitHub App installation, null for a repository used only through the CLI
 * @param lastPatchId     the newest patch attempt, null when none
 * @param lastPatchAt     when it was made
 * @param week            attempts of the last 7 days by outcome
 * @param openPulls       Selfcode pull requests still open (kept, no merge or close recorded)
 * @param breakerTripped  the circuit breaker's trip was announced and not reset
 * @param tokensWeek      LLM tokens spent in the last 7 days (prompt + answer, summaries included)
 * @param nextSweep       the next scheduled sweep, null when none is scheduled
 */
public record RepoSummary(String repo, Long installationId, Long lastPatchId, Instant lastPatchAt, WeekCounts week,
        long openPulls, boolean breakerTripped, long tokensWeek, Instant nextSweep) {

    /** {@code owner} of {@code owner/name}. */
    public String owner() {
        int slash = repo.indexOf('/');
        return slash < 0 ? "" : repo.substring(0, slash);
    }

    /** {@code name} of {@code owner/name}. */
    public String name() {
        return repo.substring(repo.indexOf('/') + 1);
    }

    public boolean cliOnly() {
        return installationId == null;
    }
}
