package dev.selfcode.job;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Shared test helpers: empty tables, wait for a condition with a deadline. */
final class QueueFixtures {

    private QueueFixtures() {
    }

    static void resetTables() {
        QuarkusTransaction.requiringNew().run(() -> {
            Job.getEntityManager().createNativeQuery("DELETE FROM job").executeUpdate();
            Job.getEntityManager().createNativeQuery("DELETE FROM delivery").executeUpdate();
        });
    }

    static <T> T inNewTransaction(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    /** Polls every 10 ms until the condition holds; fails the test after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
