package dev.selfcode.job;

/**
 * Does the work of one kind of job; a CDI bean, found by {@link #kind()}. Throw {@link RetryableJobException}
 * or an {@code engine.StageFailure} of kind TRANSIENT to have the job retried; any other exception fails it.
 */
public interface JobHandler {

    /** The {@code job.kind} this handler serves, e.g. "patch" (at most 32 characters, unique). */
    String kind();

    JobResult handle(Job job, Lease lease) throws Exception;
}
