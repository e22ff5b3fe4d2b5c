package dev.selfcode.job;

/**
 * Does the work of one kind of job; a CDI bean, found by {@link #kind()}. Return
 * {@link JobResult#failed} or throw a TRANSIENT {@code failure.StageFailure} (such as {@link RetryableJobException})
 * to have the job retried; any other exception fails it.
 */
public interface JobHandler {

    /** The {@code job.kind} this handler serves, e.g. "patch" (at most 32 characters, unique). */
    String kind();

    JobResult handle(Job job, Lease lease) throws Exception;
}
