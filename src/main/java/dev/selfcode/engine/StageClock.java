package dev.selfcode.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** Runs one stage at a time: tells the progress listener, times it, and remembers which stage is running. */
final class StageClock {

    private final ProgressListener progress;
    private final Map<Stage, Long> timings = new EnumMap<>(Stage.class);
    private Stage current = Stage.CHECKOUT;

    StageClock(ProgressListener progress) {
        this.progress = progress;
    }

    <T> T run(Stage stage, Callable<T> work, Function<T, String> summary) throws Exception {
        current = stage;
        progress.started(stage);
        long t0 = System.nanoTime();
        T out = work.call();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        timings.put(stage, ms);
        progress.finished(stage, ms, summary.apply(out));
        return out;
    }

    Stage current() {
        return current;
    }

    /** Milliseconds per finished stage, in stage order; a snapshot. */
    Map<Stage, Long> timings() {
        return Collections.unmodifiableMap(new EnumMap<>(timings));
    }
}
