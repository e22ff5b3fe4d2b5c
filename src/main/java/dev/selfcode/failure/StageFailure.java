package dev.selfcode.failure;

/** A stage could not complete; carries the classification the engine's one error handler uses. */
public class StageFailure extends RuntimeException {

    private final FailureKind kind;
    private final String detail;

    public StageFailure(FailureKind kind, String message) {
        this(kind, message, null, null);
    }

    public StageFailure(FailureKind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    /** @param detail longer text for the record (a log tail, a model answer), may be null */
    public StageFailure(FailureKind kind, String message, String detail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.detail = detail;
    }

    public FailureKind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}
