package dev.selfcode.web.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's front page: over the repositories the viewer may read.
 *
 * @param since           start of the window the week counts and tokens cover (now - 7 days)
 * @param week            patch attempts in the window by outcome, over all readable repositories
 * @param openPulls       open Selfcode pull requests
 * @param breakersTripped repositories whose circuit breaker is tripped
 * @param tokensWeek      LLM tokens spent in the window
 * @param jobs            jobs per status (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), every status present
 * @param repos           each readable repository, by name
 */
public record Overview(Instant since, WeekCounts week, long openPulls, int breakersTripped, long tokensWeek,
        Map<String, Long> jobs, List<RepoSummary> repos) {

    public Overview {
        jobs = Map.copyOf(jobs);
        repos = List.copyOf(repos);
    }
}
