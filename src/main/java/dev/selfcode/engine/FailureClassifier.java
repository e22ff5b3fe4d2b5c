package dev.selfcode.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one place that turns any exception from a stage into a classified {@link StageFailure}. */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static StageFailure classify(Stage stage, Throwable e) {
        if (e instanceof StageFailure f) {
            return f;
        }
        if (e instanceof IllegalArgumentException) {
            return new StageFailure(FailureKind.BAD_INPUT, e.getMessage(), e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            // Disk, git transport or Docker: worth another try later.
            return new StageFailure(FailureKind.TRANSIENT, stage.label + " failed: " + e.getMessage(), e);
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new StageFailure(FailureKind.INTERNAL, "unexpected error in " + stage.label + ": " + what, e);
    }
}
