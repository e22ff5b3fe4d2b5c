package dev.selfcode.engine;

/** Receives stage-by-stage progress of a patch job (CLI progress line, GitHub check run). */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    default void started(Stage stage) {
    }

    /** @param summary one short line on what the stage found or did */
    default void finished(Stage stage, long millis, String summary) {
    }

    default void failed(Stage stage, String message) {
    }
}
