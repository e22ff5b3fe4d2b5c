package dev.selfcode.job;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How many jobs a worker runs now, with a wait for none, so slots and shutdown need no polling. */
final class RunningCount {

    private int running;

    synchronized int get() {
        return running;
    }

    synchronized void started() {
        running++;
    }

    synchronized void finished() {
        running--;
        notifyAll();
    }

    /** Waits until no job runs; false on timeout or interrupt. */
    synchronized boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
