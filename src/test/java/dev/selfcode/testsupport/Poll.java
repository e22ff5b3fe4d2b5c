package dev.selfcode.testsupport;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something a test cannot be told about (a gauge, a health group, a background thread) by asking again
 * until the answer is accepted or the deadline passes; the failure says what the last answer was.
 */
public final class Poll {

    private Poll() {
    }

    /** The first answer of {@code probe} that {@code accepted}, asked every {@code every} for {@code timeout}. */
    public static <T> T until(Duration timeout, Duration every, Supplier<T> probe, Predicate<T> accepted,
            Function<T, String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!accepted.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.apply(last) + " (waited " + timeout + ")");
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(failure.apply(last) + " (interrupted)");
            }
            last = probe.get();
        }
        return last;
    }
}
