package dev.selfcode.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.selfcode.config.SelfcodeConfig;

/**
 * Claims jobs from the {@link JobQueue} and runs them on its own bounded pool, dispatching by kind to the
 * {@link JobHandler} beans. Polls on a timer (started only when {@code selfcode.worker.enabled}) and on
 * {@link #wake()}; tests drive it with {@link #runOnce(Duration)}.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    @Inject
    JobQueue queue;

    @Inject
    SelfcodeConfig config;

    @Inject
    @Any
    Instance<JobHandler> handlerBeans;

    @Inject
    @Any
    Instance<ClaimGate> gates;

    private final String owner = WorkerIdentity.create();
    private final RunningCount inFlight = new RunningCount();
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong polls = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean abandoning;
    // System.nanoTime() of the poll loop's last round; 0 until the loop runs.
    private volatile long lastRound;
    private ExecutorService pool;
    private ScheduledExecutorService heartbeats;
    private JobRunner runner;
    private Thread poller;
    // From the config; tests of a private worker instance change them before start().
    Duration pollEvery;
    Duration shutdownGrace;

    @PostConstruct
    void init() {
        SelfcodeConfig.Worker worker = config.worker();
        pollEvery = worker.poll();
        shutdownGrace = worker.shutdownGrace();
        if (worker.heartbeat().compareTo(worker.lease()) >= 0) {
            LOG.warnf("selfcode.worker.heartbeat (%s) should be well below selfcode.worker.lease (%s)",
                    worker.heartbeat(), worker.lease());
        }
        pool = Executors.newFixedThreadPool(Math.max(1, worker.concurrency()), daemonThreads("selfcode-job"));
        heartbeats = Executors.newSingleThreadScheduledExecutor(daemonThreads("selfcode-heartbeat"));
        runner = new JobRunner(queue, JobRunner.byKind(handlerBeans), heartbeats, worker.heartbeat(), owner,
                () -> abandoning);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.worker().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the polling thread (idempotent). */
    public synchronized void start() {
        if (poller != null || stopping) {
            return;
        }
        poller = daemonThreads("selfcode-poller").newThread(this::pollLoop);
        poller.start();
        LOG.infof("job worker %s started: %d slots, polling every %s", owner, config.worker().concurrency(),
                pollEvery);
    }

    /** Asks the poller to claim now, e.g. right after a listener enqueued a job. */
    public void wake() {
        wakeups.release();
    }

    /** Claims jobs for the free slots and starts them on the pool; returns how many were started. */
    public synchronized int pollOnce() {
        int free = Math.max(1, config.worker().concurrency()) - inFlight.get();
        if (stopping || free <= 0 || !gatesOpen()) {
            return 0;
        }
        polls.incrementAndGet();
        List<Job> jobs = queue.claim(owner, free);
        for (Job job : jobs) {
            inFlight.started();
            try {
                pool.execute(() -> runAndRelease(job));
            } catch (RejectedExecutionException e) {
                inFlight.finished(); // shutting down: the job stays leased and is reclaimed after expiry
            }
        }
        return jobs.size();
    }

    private boolean gatesOpen() {
        if (gates == null) {
            return true; // a private instance built by a test
        }
        for (ClaimGate gate : gates) {
            if (!gate.open()) {
                return false;
            }
        }
        return true;
    }

    /** Time since the poll loop last came round; empty when the loop does not run (disabled or stopping). */
    public java.util.Optional<Duration> sinceLastRound() {
        long last = lastRound;
        if (poller == null || stopping || last == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofNanos(System.nanoTime() - last));
    }

    /** Test hook: one poll, then waits until every running job finished; returns how many were started. */
    public int runOnce(Duration timeout) {
        int started = pollOnce();
        if (!awaitIdle(timeout)) {
            throw new IllegalStateException("jobs still running after " + timeout);
        }
        return started;
    }

    /** Waits until no job runs on this worker; false on timeout. */
    public boolean awaitIdle(Duration timeout) {
        return inFlight.awaitNone(timeout);
    }

    /** This process's lease owner id. */
    public String owner() {
        return owner;
    }

    /** Claim queries made so far (that were not skipped for lack of slots). */
    long polls() {
        return polls.get();
    }

    boolean stopping() {
        return stopping;
    }

    /** Jobs running on this worker now. */
    public int running() {
        return inFlight.get();
    }

    /** Stops claiming, lets running jobs finish within the grace period, then interrupts the rest. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        wake();
        pool.shutdown();
        try {
            if (poller != null) {
                poller.join(5000);
            }
            if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d jobs still running after the shutdown grace period; they will be reclaimed", running());
                abandoning = true;
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private void runAndRelease(Job job) {
        try {
            runner.run(job);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: worker error", job);
        } finally {
            inFlight.finished();
            wake(); // a slot is free: look for more work now
        }
    }

    private void pollLoop() {
        long every = Math.max(10, pollEvery.toMillis());
        while (!stopping) {
            lastRound = System.nanoTime();
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warnf("could not claim jobs: %s", e.getMessage());
            }
            try {
                wakeups.tryAcquire(every, TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
