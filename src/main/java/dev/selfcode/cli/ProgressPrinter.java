package dev.selfcode.cli;

import java.io.PrintWriter;
import java.util.Locale;

import dev.selfcode.engine.ProgressListener;
import dev.selfcode.engine.Stage;

/** Prints one line per stage: {@code [3/10] generate ...... 1.2s  what it did}. */
final class ProgressPrinter implements ProgressListener {

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(Stage stage) {
        out.printf(Locale.ROOT, "[%2d/%d] %-15s", stage.ordinal() + 1, Stage.values().length, stage.label);
        out.flush();
    }

    @Override
    public void finished(Stage stage, long millis, String summary) {
        out.printf(Locale.ROOT, " %6.1fs  %s%n", millis / 1000.0, summary);
        out.flush();
    }

    @Override
    public void failed(Stage stage, String message) {
        out.printf(Locale.ROOT, "  failed  %s%n", message);
        out.flush();
    }
}
