package dev.selfcode.job;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/** Thrown by a {@link JobHandler} when the job may succeed if tried again later (with backoff). */
public class RetryableJobException extends StageFailure {

    public RetryableJobException(String message) {
        super(FailureKind.TRANSIENT, message);
    }

    public RetryableJobException(String message, Throwable cause) {
        super(FailureKind.TRANSIENT, message, cause);
    }
}
