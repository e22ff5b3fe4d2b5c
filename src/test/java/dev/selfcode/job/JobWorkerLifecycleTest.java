package dev.selfcode.job;

import static dev.selfcode.job.QueueFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.job.Job.Status;
import dev.selfcode.testsupport.AdjustableClock;

/** The polling thread, wake() and shutdown, on a private worker so the shared bean stays untouched. */
@QuarkusTest
class JobWorkerLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    JobQueue queue;

    @Inject
    SelfcodeConfig config;

    @Inject
    @Any
    Instance<JobHandler> handlers;

    @Inject
    GatedHandler gated;

    @Inject
    AdjustableClock clock;

    private JobWorker worker;

    @BeforeEach
    void setUp() {
        QueueFixtures.resetTables();
        clock.reset();
        gated.reset();
        worker = new JobWorker();
        worker.queue = queue;
        worker.config = config;
        worker.handlerBeans = handlers;
        worker.init();
        worker.pollEvery = Duration.ofMinutes(10); // only wake() can make it poll again in time
    }

    @AfterEach
    void tearDown() {
        gated.permits.release(100);
        worker.stop();
        gated.reset();
        clock.reset();
    }

    @Test
    void wakeMakesTheRunningWorkerClaimAtOnce() {
        worker.start();
        await("the first poll", WAIT, () -> worker.polls() >= 1);
        long id = queue.enqueue(NewJob.of("a", "test-gated", "acme/app", "")).id;

        worker.wake();

        await("the job to run", WAIT, () -> gated.running.get() == 1);
        gated.permits.release(1);
        await("the job to succeed", WAIT, () -> queue.find(id).orElseThrow().status == Status.SUCCEEDED);
    }

    @Test
    void shutdownStopsClaimingAndLetsRunningJobsFinish() throws Exception {
        long running = queue.enqueue(NewJob.of("a", "test-gated", "acme/app", "")).id;
        worker.pollOnce();
        await("the job to run", WAIT, () -> gated.running.get() == 1);
        long waiting = queue.enqueue(NewJob.of("b", "test-gated", "acme/app", "")).id;

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(worker::stop);
        await("stop to begin", WAIT, worker::stopping);
        assertThat(worker.pollOnce()).as("claims nothing while stopping").isZero();
        assertThat(stopped).as("waits for the running job").isNotDone();
        gated.permits.release(1);
        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(queue.find(running).orElseThrow().status).isEqualTo(Status.SUCCEEDED);
        assertThat(queue.find(waiting).orElseThrow().status).isEqualTo(Status.QUEUED);
    }

    @Test
    void aJobStillRunningAfterTheGracePeriodIsLeftForAnotherReplica() {
        long id = queue.enqueue(NewJob.of("a", "test-gated", "acme/app", "")).id;
        worker.pollOnce();
        await("the job to run", WAIT, () -> gated.running.get() == 1);
        worker.shutdownGrace = Duration.ofMillis(100);

        worker.stop();

        assertThat(gated.interrupted).containsExactly(id);
        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).as("not failed for being interrupted").isEqualTo(Status.RUNNING);
        assertThat(job.lastError).isNull();
        clock.advance(Duration.ofSeconds(121));
        assertThat(queue.claim("replica", 1)).extracting(j -> j.id).containsExactly(id);
        assertThat(queue.find(id).orElseThrow().attempts).isEqualTo(2);
    }
}
