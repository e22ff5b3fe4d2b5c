package dev.selfcode.job;

/**
 * A worker's claim on a running job. The worker renews it on a timer; a long handler may also renew it
 * itself and should stop early once {@link #lost()} (another replica may now run the job).
 */
public interface Lease {

    long jobId();

    String owner();

    /** Extends the lease; false when it was lost (the thread running the job is then interrupted). */
    boolean heartbeat();

    boolean lost();
}
