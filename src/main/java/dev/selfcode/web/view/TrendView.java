package dev.selfcode.web.view;

import java.time.Instant;
import java.util.List;

/**
 * A repository's trend: {@code GET /api/repos/{owner}/{name}/trend} and the repo page's chart.
 *
 * @param samples     metric samples, oldest first (at most the newest {@link TrendQueries#SAMPLES})
 * @param band        for each of the newest samples, what the predictor expected before it was taken (the chart's
 *                    predicted band), oldest first
 * @param nextRoi     the next roi predicted from the samples, with its interval; null with too few samples
 * @param nextErrors  the same for errors
 * @param modules     modules with errors over the newest samples, worst first ({@code selfcode worst})
 * @param moduleWindow samples the module means are taken over
 * @param events      merges of Selfcode pull requests and rollbacks, oldest first
 */
public record TrendView(String repo, List<Sample> samples, List<Band> band, Forecast nextRoi, Forecast nextErrors,
        List<Module> modules, int moduleWindow, List<Event> events) {

    public TrendView {
        samples = List.copyOf(samples);
        band = List.copyOf(band);
        modules = List.copyOf(modules);
        events = List.copyOf(events);
    }

    /** One measured commit. */
    public record Sample(long id, String sha, Instant at, double roi, double errors, double complexity,
            int testsPassed, int testsFailed, int testsErrored, int lintFindings, Double coverage) {
    }

    /**
     * A prediction with its interval.
     *
     * @param lower  null when unbounded (two points leave no residual to measure the noise by)
     * @param upper  null when unbounded
     * @param level  coverage, e.g. 0.95
     * @param method "Holt" or "least squares"
     * @param points points it was fitted on
     */
    public record Forecast(double value, Double lower, Double upper, double level, String method, int points) {
    }

    /** What was predicted for one sample from the samples before it; a forecast is null with too few. */
    public record Band(long sampleId, Instant at, Forecast roi, Forecast errors) {
    }

    /**
     * One module's errors.
     *
     * @param function the function or class in it with the most errors, null when none was attributed
     */
    public record Module(String file, String function, double meanErrors, int samplesWithErrors, int latestErrors) {
    }

    /**
     * A marker on the chart.
     *
     * @param kind    "merged" (a Selfcode pull request was merged) or "rolled-back" (its merge was reverted)
     * @param patchId the patch
     * @param detail  the watch's state or the revert branch/pull request
     */
    public record Event(String kind, Instant at, long patchId, Integer prNumber, String detail) {
    }
}
