package dev.selfcode.job;

/**
 * What a handler reports when a job succeeded.
 *
 * @param summary one short text for the dashboard (kept, capped)
 * @param patchId the {@code patch_history} row the job produced, if any
 */
public record JobResult(String summary, Long patchId) {

    public static JobResult of(String summary) {
        return new JobResult(summary, null);
    }
}
