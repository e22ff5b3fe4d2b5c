package dev.selfcode.job;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import dev.selfcode.failure.FailureClassifier;
import dev.selfcode.telemetry.Meters;
import dev.selfcode.text.Text;

/** Runs one claimed job on the calling thread: dispatch by kind, renew the lease on a timer, record the outcome. */
final class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobQueue queue;
    private final Map<String, JobHandler> handlers;
    private final ScheduledExecutorService heartbeats;
    private final Duration heartbeatEvery;
    private final String owner;
    private final BooleanSupplier abandoning;

    /** @param abandoning true once shutdown gave up waiting: failures then are interruptions, not the job's fault */
    JobRunner(JobQueue queue, Map<String, JobHandler> handlers, ScheduledExecutorService heartbeats,
            Duration heartbeatEvery, String owner, BooleanSupplier abandoning) {
        this.queue = queue;
        this.handlers = handlers;
        this.heartbeats = heartbeats;
        this.heartbeatEvery = heartbeatEvery;
        this.owner = owner;
        this.abandoning = abandoning;
    }

    /** Indexes handler beans by kind; a missing, too long or duplicate kind is a wiring mistake and fails fast. */
    static Map<String, JobHandler> byKind(Iterable<JobHandler> beans) {
        Map<String, JobHandler> map = new TreeMap<>();
        for (JobHandler handler : beans) {
            String kind = handler.kind();
            if (kind == null || kind.isBlank() || kind.length() > NewJob.MAX_KIND) {
                throw new IllegalStateException("job handler " + handler + " has an invalid kind '" + kind + "'");
            }
            JobHandler previous = map.put(kind, handler);
            if (previous != null) {
                throw new IllegalStateException("two job handlers for kind '" + kind + "': " + previous + ", " + handler);
            }
        }
        return map;
    }

    void run(Job job) {
        WorkerLease lease = new WorkerLease(job.id, owner, queue);
        long every = Math.max(1, heartbeatEvery.toMillis());
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> renew(job, lease), every, every,
                TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = execute(job, lease);
        } finally {
            beat.cancel(false);
        }
        Meters.job(job.kind, outcome == null ? "abandoned" : outcome.label(),
                Duration.ofNanos(System.nanoTime() - started));
        report(job, outcome);
    }

    private Outcome execute(Job job, WorkerLease lease) {
        JobHandler handler = handlers.get(job.kind);
        if (handler == null) {
            return new Outcome(null, "no handler for job kind '" + job.kind + "' (known kinds: "
                    + String.join(", ", handlers.keySet()) + ")", false);
        }
        lease.bind(Thread.currentThread());
        try {
            JobResult result = handler.handle(job, lease);
            if (result != null && !result.done()) {
                return new Outcome(null, result.summary(), result.next() == JobResult.Next.RETRY_LATER);
            }
            return new Outcome(result == null ? JobResult.of(null) : result, null, false);
        } catch (Throwable t) {
            if (!lease.lost() && abandoning.getAsBoolean()) {
                LOG.warnf("%s interrupted by shutdown; another worker will take it over when its lease expires", job);
                return null;
            }
            return new Outcome(null, Text.cap(FailureClassifier.describe(t), JobQueue.MAX_ERROR),
                    FailureClassifier.retryLater(t));
        } finally {
            lease.unbind();
            Thread.interrupted(); // clear a lost lease's interrupt before talking to the database
        }
    }

    private void report(Job job, Outcome outcome) {
        if (outcome == null) {
            return;
        }
        try {
            boolean accepted = outcome.error() == null
                    ? queue.complete(job.id, owner, outcome.result())
                    : queue.fail(job.id, owner, outcome.error(), outcome.retry());
            if (!accepted) {
                LOG.warnf("%s: lease lost before its outcome was recorded; the current owner's outcome counts", job);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: could not record its outcome; it is retried once its lease expires", job);
        }
    }

    private void renew(Job job, WorkerLease lease) {
        try {
            if (!lease.lost() && !lease.heartbeat()) {
                LOG.warnf("%s: lease lost (taken over or cancelled); stopping it", job);
            }
        } catch (RuntimeException e) {
            // A database hiccup: keep trying; the lease survives until it expires.
            LOG.warnf("%s: heartbeat failed: %s", job, e.getMessage());
        }
    }

    private record Outcome(JobResult result, String error, boolean retry) {

        String label() {
            return error == null ? "succeeded" : retry ? "retry" : "failed";
        }
    }
}
