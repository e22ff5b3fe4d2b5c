package dev.selfcode.job;

/** Thrown by a {@link JobHandler} when the job may succeed if tried again later (with backoff). */
public class RetryableJobException extends RuntimeException {

    public RetryableJobException(String message) {
        super(message);
    }

    public RetryableJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
