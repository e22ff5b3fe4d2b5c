package dev.selfcode.job;

import dev.selfcode.engine.FailureKind;
import dev.selfcode.engine.StageFailure;

/** Decides whether a handler's exception is worth a retry, and what the job records about it. */
final class FailureClassifier {

    private static final int MAX_DEPTH = 10;

    private FailureClassifier() {
    }

    /** Transient: a {@link RetryableJobException} or a TRANSIENT {@link StageFailure}, also as a cause. */
    static boolean isTransient(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof RetryableJobException) {
                return true;
            }
            if (t instanceof StageFailure failure) {
                return failure.kind() == FailureKind.TRANSIENT;
            }
        }
        return false;
    }

    /** One text for {@code job.last_error}: type and message of each cause, then a stage's detail. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        String detail = null;
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (depth > 0) {
                text.append("\ncaused by ");
            }
            text.append(t instanceof StageFailure f ? "StageFailure(" + f.kind() + ")" : t.getClass().getName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (detail == null && t instanceof StageFailure f && f.detail() != null) {
                detail = f.detail();
            }
        }
        if (detail != null) {
            text.append("\n\n").append(detail);
        }
        return Text.cap(text.toString(), JobQueue.MAX_ERROR);
    }
}
