package dev.selfcode.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The one classifier: turns whatever was thrown into a {@link StageFailure} of some {@link FailureKind}, and tells
 * a job queue whether a failure is worth another try. Callers that know more (the LLM client's status codes, an
 * endpoint to name) add their wording; the kind is decided here.
 */
public final class FailureClassifier {

    /** How far down a cause chain anything looks; a cycle or a very deep chain stops here. */
    private static final int MAX_DEPTH = 10;

    private FailureClassifier() {
    }

    /**
     * Classifies an exception thrown by a named step: a {@link StageFailure} stays as it is, an
     * {@link IllegalArgumentException} is bad input, disk, git transport or Docker I/O is transient, the rest internal.
     *
     * @param step the label of what was running, for the message (e.g. "check out")
     */
    public static StageFailure classify(String step, Throwable e) {
        if (e instanceof StageFailure f) {
            return f;
        }
        if (e instanceof IllegalArgumentException) {
            return new StageFailure(FailureKind.BAD_INPUT, e.getMessage(), e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            // Disk, git transport or Docker: worth another try later.
            return new StageFailure(FailureKind.TRANSIENT, step + " failed: " + e.getMessage(), e);
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new StageFailure(FailureKind.INTERNAL, "unexpected error in " + step + ": " + what, e);
    }

    /** The kind of an HTTP error answer: rate limits, timeouts and server errors pass; the rest is configuration. */
    public static FailureKind ofHttpStatus(int status) {
        return status == 429 || status >= 500 || status == 408 || status == 425
                ? FailureKind.TRANSIENT
                : FailureKind.INTERNAL;
    }

    /** The peer's host is unknown, or it refused or could not be routed to: a network problem, transient. */
    public static boolean isUnreachable(Throwable thrown) {
        return find(thrown, UnknownHostException.class) != null || find(thrown, ConnectException.class) != null
                || find(thrown, NoRouteToHostException.class) != null;
    }

    /** Anything in the cause chain that timed out, by type, name or message. */
    public static boolean isTimeout(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            boolean typed = t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || name.contains("timeout");
            if (typed || message.contains("timeout period") || message.contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    /** The first exception of {@code type} in the cause chain, or null. */
    public static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Retry later: a TRANSIENT {@link StageFailure} anywhere in the cause chain; anything else gives up. */
    public static boolean retryLater(Throwable error) {
        StageFailure failure = find(error, StageFailure.class);
        return failure != null && failure.kind() == FailureKind.TRANSIENT;
    }

    /** One text for a failure record: type and message of each cause, then the first stage detail. */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        String detail = null;
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (depth > 0) {
                text.append("\ncaused by ");
            }
            boolean plain = t.getClass() == StageFailure.class;
            text.append(plain ? "StageFailure(" + ((StageFailure) t).kind() + ")" : t.getClass().getName());
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
        return text.toString();
    }
}
