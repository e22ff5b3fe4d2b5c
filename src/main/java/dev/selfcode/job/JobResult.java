package dev.selfcode.job;

/**
 * What a handler reports: done, or failed with "retry later" or "give up". The queue knows nothing more about
 * failures than that.
 *
 * @param summary one short text for the dashboard (kept, capped), or the error of a failed attempt
 * @param patchId the {@code patch_history} row the job produced, if any
 * @param next    what the queue does with the job
 */
public record JobResult(String summary, Long patchId, Next next) {

    /** What becomes of the job after this attempt. */
    public enum Next {
        /** It succeeded (or ended in a way a retry would not change). */
        DONE,
        /** It failed in a way that may pass later: queued again after a backoff, while attempts remain. */
        RETRY_LATER,
        /** It failed for good. */
        GIVE_UP
    }

    public JobResult(String summary, Long patchId) {
        this(summary, patchId, Next.DONE);
    }

    public static JobResult of(String summary) {
        return new JobResult(summary, null);
    }

    /** A failed attempt; {@code retryLater} when another try may succeed. */
    public static JobResult failed(String error, boolean retryLater) {
        return new JobResult(error, null, retryLater ? Next.RETRY_LATER : Next.GIVE_UP);
    }

    public boolean done() {
        return next == Next.DONE;
    }
}
