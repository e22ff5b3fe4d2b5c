package dev.selfcode.job;

import static dev.selfcode.job.QueueFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.job.Job.Status;
import dev.selfcode.testsupport.AdjustableClock;

@QuarkusTest
class JobWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    JobWorker worker;

    @Inject
    JobQueue queue;

    @Inject
    AdjustableClock clock;

    @Inject
    GatedHandler gated;

    @BeforeEach
    void reset() {
        QueueFixtures.resetTables();
        clock.reset();
        gated.reset();
    }

    @AfterEach
    void drain() {
        gated.permits.release(100);
        assertThat(worker.awaitIdle(WAIT)).isTrue();
        gated.reset();
        clock.reset();
    }

    @Test
    void runsJobsWithBoundedConcurrency() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(enqueue("k" + i, "test-gated", "job" + i));
        }

        assertThat(worker.pollOnce()).isEqualTo(2); // selfcode.worker.concurrency
        await("two jobs running", WAIT, () -> gated.running.get() == 2);
        assertThat(worker.pollOnce()).as("no free slot").isZero();

        gated.permits.release(5);
        await("all jobs done", WAIT, () -> {
            worker.pollOnce();
            return ids.stream().allMatch(id -> status(id) == Status.SUCCEEDED);
        });
        assertThat(gated.maxRunning.get()).isEqualTo(2);
        assertThat(gated.handled).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(queue.find(ids.get(3)).orElseThrow().result).isEqualTo("done job3");
    }

    @Test
    void dispatchesByKind() {
        long gatedJob = enqueue("a", "test-gated", "x");
        long throwingJob = enqueue("b", "test-throw", "boom");
        gated.permits.release(1);

        assertThat(worker.runOnce(WAIT)).isEqualTo(2);

        assertThat(gated.handled).containsExactly(gatedJob);
        assertThat(status(gatedJob)).isEqualTo(Status.SUCCEEDED);
        Job failed = queue.find(throwingJob).orElseThrow();
        assertThat(failed.status).isEqualTo(Status.FAILED);
        assertThat(failed.lastError).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void unknownKindFailsWithAClearError() {
        long id = enqueue("a", "nobody", "");

        worker.runOnce(WAIT);

        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.FAILED);
        assertThat(job.attempts).isEqualTo(1);
        assertThat(job.lastError).startsWith("no handler for job kind 'nobody' (known kinds: ")
                .contains("test-gated", "test-throw");
    }

    @Test
    void transientStageFailureIsRetriedUntilAttemptsRunOut() {
        long id = queue.enqueue(NewJob.of("a", "test-throw", "acme/app", "transient-stage").withMaxAttempts(2)).id;

        worker.runOnce(WAIT);
        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.QUEUED);
        assertThat(job.lastError).startsWith("StageFailure(TRANSIENT): docker hiccup").endsWith("log tail");
        assertThat(worker.runOnce(WAIT)).as("backoff not over").isZero();

        clock.advance(Duration.ofSeconds(11));
        assertThat(worker.runOnce(WAIT)).isEqualTo(1);
        job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.FAILED);
        assertThat(job.attempts).isEqualTo(2);
    }

    @Test
    void classifiesFailures() {
        long retryable = enqueue("a", "test-throw", "retryable");
        long wrapped = enqueue("b", "test-throw", "wrapped-transient");
        long badInput = enqueue("c", "test-throw", "bad-input");

        while (worker.runOnce(WAIT) > 0) {
            // two slots, three jobs; retries wait for their backoff, so this ends
        }

        assertThat(status(retryable)).isEqualTo(Status.QUEUED);
        assertThat(status(wrapped)).isEqualTo(Status.QUEUED);
        Job failed = queue.find(badInput).orElseThrow();
        assertThat(failed.status).isEqualTo(Status.FAILED);
        assertThat(failed.lastError).isEqualTo("StageFailure(BAD_INPUT): no tests configured");
    }

    @Test
    void aHandlerMayAnswerRetryLaterOrGiveUpWithoutThrowing() {
        long later = enqueue("a", "test-throw", "result-retry");
        long giveUp = enqueue("b", "test-throw", "result-give-up");

        while (worker.runOnce(WAIT) > 0) {
            // retries wait for their backoff, so this ends
        }

        Job retried = queue.find(later).orElseThrow();
        assertThat(retried.status).isEqualTo(Status.QUEUED);
        assertThat(retried.lastError).isEqualTo("LLM down");
        Job failed = queue.find(giveUp).orElseThrow();
        assertThat(failed.status).isEqualTo(Status.FAILED);
        assertThat(failed.lastError).isEqualTo("bad key");
    }

    @Test
    void heartbeatsKeepARunningJobFromBeingReclaimed() {
        long id = enqueue("a", "test-gated", "");
        worker.pollOnce();
        await("job running", WAIT, () -> gated.running.get() == 1);
        Instant claimed = queue.find(id).orElseThrow().heartbeatAt;

        clock.advance(Duration.ofSeconds(100));
        await("a heartbeat after the jump", WAIT,
                () -> queue.find(id).orElseThrow().heartbeatAt.isAfter(claimed.plusSeconds(99)));
        clock.advance(Duration.ofSeconds(100)); // the first lease (120 s) is long gone

        assertThat(queue.claim("other", 10)).isEmpty();
        gated.permits.release(1);
        assertThat(worker.awaitIdle(WAIT)).isTrue();
        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.SUCCEEDED);
        assertThat(job.leaseOwner).isEqualTo(worker.owner());
    }

    @Test
    void lostLeaseInterruptsTheHandlerAndItsOutcomeIsRefused() {
        long id = enqueue("a", "test-gated", "");
        worker.pollOnce();
        await("job running", WAIT, () -> gated.running.get() == 1);

        assertThat(queue.cancel(id)).isTrue();

        await("handler interrupted", WAIT, () -> gated.interrupted.contains(id));
        assertThat(worker.awaitIdle(WAIT)).isTrue();
        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.CANCELLED);
        assertThat(job.lastError).isNull();
    }

    @Test
    void ownerIdNamesThisProcess() {
        assertThat(worker.owner()).contains("-" + ProcessHandle.current().pid() + "-").hasSizeLessThanOrEqualTo(64);
    }

    private long enqueue(String key, String kind, String payload) {
        return queue.enqueue(NewJob.of(key, kind, "acme/app", payload)).id;
    }

    private Status status(long id) {
        return queue.find(id).orElseThrow().status;
    }
}
