package dev.selfcode.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

/** Test handler of kind "test-gated": waits for a permit from the test and records how many ran at once. */
@Singleton
public class GatedHandler implements JobHandler {

    final Semaphore permits = new Semaphore(0);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final List<Long> handled = new CopyOnWriteArrayList<>();
    final List<Long> interrupted = new CopyOnWriteArrayList<>();

    void reset() {
        permits.drainPermits();
        running.set(0);
        maxRunning.set(0);
        handled.clear();
        interrupted.clear();
    }

    @Override
    public String kind() {
        return "test-gated";
    }

    @Override
    public JobResult handle(Job job, Lease lease) throws Exception {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let job " + job.id + " finish");
            }
            handled.add(job.id);
            return JobResult.of("done " + job.payload);
        } catch (InterruptedException e) {
            interrupted.add(job.id);
            throw e;
        } finally {
            running.decrementAndGet();
        }
    }
}
