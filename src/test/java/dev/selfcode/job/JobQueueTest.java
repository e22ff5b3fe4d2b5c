package dev.selfcode.job;

import static dev.selfcode.job.QueueFixtures.inNewTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.job.Job.Status;
import dev.selfcode.testsupport.AdjustableClock;
import dev.selfcode.testsupport.FakeSecrets;

@QuarkusTest
class JobQueueTest {

    private static final Duration LEASE = Duration.ofSeconds(120); // selfcode.worker.lease default

    @Inject
    JobQueue queue;

    @Inject
    AdjustableClock clock;

    private ExecutorService threads;

    @BeforeEach
    void reset() {
        QueueFixtures.resetTables();
        clock.reset();
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
        clock.reset();
    }

    @Test
    void enqueueTwiceWithOneSourceKeyKeepsTheFirstJob() {
        Job first = queue.enqueue(NewJob.of("delivery-1", "patch", "acme/app", "{\"n\":1}").withIssue(7L, 12));
        Job second = queue.enqueue(NewJob.of("delivery-1", "patch", "acme/app", "{\"n\":2}"));

        assertThat(second.id).isEqualTo(first.id);
        Job stored = queue.find(first.id).orElseThrow();
        assertThat(stored.payload).isEqualTo("{\"n\":1}");
        assertThat(stored.status).isEqualTo(Status.QUEUED);
        assertThat(stored.maxAttempts).isEqualTo(3);
        assertThat(stored.installationId).isEqualTo(7L);
        assertThat(stored.issueNumber).isEqualTo(12);
        assertThat(jobCount()).isEqualTo(1);
    }

    @Test
    void concurrentEnqueuesOfOneSourceKeyMakeExactlyOneRow() throws Exception {
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<Long>> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String payload = "{\"thread\":" + i + "}";
            ids.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return queue.enqueue(NewJob.of("race", "patch", "acme/app", payload)).id;
            }));
        }
        Set<Long> distinct = new HashSet<>();
        for (Future<Long> id : ids) {
            distinct.add(id.get(30, TimeUnit.SECONDS));
        }
        assertThat(distinct).hasSize(1);
        assertThat(jobCount()).isEqualTo(1);
    }

    @Test
    void parallelClaimersNeverShareAJob() throws Exception {
        int jobs = 30;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue(NewJob.of("k" + i, "patch", "acme/app", ""));
        }
        int claimers = 4;
        CyclicBarrier start = new CyclicBarrier(claimers);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            String owner = "owner-" + c;
            results.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<Long> mine = new ArrayList<>();
                List<Job> batch;
                while (!(batch = queue.claim(owner, 2)).isEmpty()) {
                    batch.forEach(job -> mine.add(job.id));
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            List<Long> mine = results.get(c).get(30, TimeUnit.SECONDS);
            for (Long id : mine) {
                assertThat(queue.find(id).orElseThrow().leaseOwner).isEqualTo("owner-" + c);
            }
            all.addAll(mine);
        }
        assertThat(all).hasSize(jobs).doesNotHaveDuplicates();
        assertThat(inNewTransaction(() -> Job.listByStatus(Status.RUNNING))).hasSize(jobs)
                .allSatisfy(job -> assertThat(job.attempts).isEqualTo(1));
    }

    @Test
    void claimSkipsARowAnotherTransactionHoldsInsteadOfWaiting() throws Exception {
        long locked = queue.enqueue(NewJob.of("a", "patch", "acme/app", "")).id;
        long free = queue.enqueue(NewJob.of("b", "patch", "acme/app", "")).id;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            Job.getEntityManager().createNativeQuery("SELECT id FROM job WHERE id = ?1 FOR UPDATE")
                    .setParameter(1, locked).getResultList();
            holding.countDown();
            awaitLatch(release);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        List<Job> claimed = queue.claim("me", 5);

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(claimed).extracting(job -> job.id).containsExactly(free);
        assertThat(queue.claim("me", 5)).extracting(job -> job.id).containsExactly(locked);
    }

    @Test
    void expiredLeaseIsReclaimedAndTheDeadOwnerIsRefused() {
        long id = queue.enqueue(NewJob.of("k", "patch", "acme/app", "")).id;
        assertThat(queue.claim("dead", 1)).hasSize(1);
        assertThat(queue.claim("other", 1)).isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        List<Job> reclaimed = queue.claim("other", 1);

        assertThat(reclaimed).extracting(job -> job.id).containsExactly(id);
        Job job = queue.find(id).orElseThrow();
        assertThat(job.attempts).isEqualTo(2);
        assertThat(job.leaseOwner).isEqualTo("other");
        assertThat(job.lastError).contains("lease of dead expired during attempt 1 of 3");
        assertThat(queue.complete(id, "dead", "late")).isFalse();
        assertThat(queue.fail(id, "dead", "late", true)).isFalse();
        assertThat(queue.heartbeat(id, "dead")).isFalse();
        assertThat(queue.complete(id, "other", new JobResult("kept", 42L))).isTrue();
        job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.SUCCEEDED);
        assertThat(job.result).isEqualTo("kept");
        assertThat(job.patchId).isEqualTo(42L);
    }

    @Test
    void expiredLeaseWithNoAttemptsLeftFailsTheJob() {
        long id = queue.enqueue(NewJob.of("k", "patch", "acme/app", "").withMaxAttempts(1)).id;
        queue.claim("dead", 1);
        clock.advance(LEASE.plusSeconds(1));

        assertThat(queue.claim("other", 1)).isEmpty();

        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.FAILED);
        assertThat(job.lastError).contains("expired during attempt 1 of 1");
    }

    @Test
    void heartbeatKeepsTheLease() {
        long id = queue.enqueue(NewJob.of("k", "patch", "acme/app", "")).id;
        queue.claim("alive", 1);

        clock.advance(Duration.ofSeconds(100));
        assertThat(queue.heartbeat(id, "alive")).isTrue();
        clock.advance(Duration.ofSeconds(100)); // 200 s after the claim, 100 s after the heartbeat
        assertThat(queue.claim("other", 1)).isEmpty();

        clock.advance(LEASE);
        assertThat(queue.claim("other", 1)).hasSize(1);
        assertThat(queue.heartbeat(id, "alive")).isFalse();
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackoffUntilAttemptsRunOut() {
        long id = queue.enqueue(NewJob.of("k", "patch", "acme/app", "")).id;

        assertThat(queue.claim("w", 1)).hasSize(1);
        Instant failedAt = clock.instant();
        assertThat(queue.fail(id, "w", "LLM timed out", true)).isTrue();
        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.QUEUED);
        assertThat(job.lastError).isEqualTo("LLM timed out");
        assertThat(Duration.between(failedAt, job.runAfter)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        assertThat(queue.claim("w", 1)).isEmpty();

        clock.advance(Duration.ofSeconds(11)); // backoff 10 s after attempt 1
        assertThat(queue.claim("w", 1)).hasSize(1);
        assertThat(queue.fail(id, "w", "again", true)).isTrue();
        clock.advance(Duration.ofSeconds(15));
        assertThat(queue.claim("w", 1)).as("20 s after attempt 2").isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(queue.claim("w", 1)).hasSize(1);

        assertThat(queue.fail(id, "w", "third time", true)).isTrue();
        job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.FAILED);
        assertThat(job.attempts).isEqualTo(3);
        assertThat(job.lastError).isEqualTo("third time");
        clock.advance(Duration.ofHours(1));
        assertThat(queue.claim("w", 1)).isEmpty();
    }

    @Test
    void backoffDoublesAndIsCapped() {
        assertThat(queue.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(queue.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(queue.backoff(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(queue.backoff(50)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void permanentFailureFailsAtOnce() {
        long id = queue.enqueue(NewJob.of("k", "patch", "acme/app", "")).id;
        queue.claim("w", 1);

        assertThat(queue.fail(id, "stranger", "nope", false)).isFalse();
        assertThat(queue.fail(id, "w", "bad config", false)).isTrue();

        Job job = queue.find(id).orElseThrow();
        assertThat(job.status).isEqualTo(Status.FAILED);
        assertThat(job.attempts).isEqualTo(1);
        assertThat(job.lastError).isEqualTo("bad config");
    }

    @Test
    void jobsWaitForRunAfterAndComeOutOldestFirst() {
        Instant later = clock.instant().plusSeconds(60);
        long delayed = queue.enqueue(NewJob.of("later", "sweep", "acme/app", "").withRunAfter(later)).id;
        long first = queue.enqueue(NewJob.of("one", "patch", "acme/app", "")).id;
        long second = queue.enqueue(NewJob.of("two", "patch", "acme/app", "")).id;

        assertThat(queue.claim("w", 10)).extracting(job -> job.id).containsExactly(first, second);
        clock.advance(Duration.ofSeconds(61));
        assertThat(queue.claim("w", 10)).extracting(job -> job.id).containsExactly(delayed);
    }

    @Test
    void cancelledJobIsNeitherClaimedNorRenewed() {
        long queued = queue.enqueue(NewJob.of("q", "patch", "acme/app", "")).id;
        long running = queue.enqueue(NewJob.of("r", "patch", "acme/app", "")).id;
        queue.claim("w", 1);

        assertThat(queue.cancel(queued)).isTrue();
        assertThat(queue.cancel(running)).isTrue();
        assertThat(queue.cancel(running)).isFalse();

        assertThat(queue.heartbeat(running, "w")).isFalse();
        assertThat(queue.complete(running, "w", "done")).isFalse();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(queue.claim("w", 10)).isEmpty();
        assertThat(queue.find(queued).orElseThrow().status).isEqualTo(Status.CANCELLED);
    }

    @Test
    void findersServeTheDashboard() {
        queue.enqueue(NewJob.of("a", "patch", "acme/app", ""));
        queue.enqueue(NewJob.of("b", "patch", "acme/lib", ""));
        long last = queue.enqueue(NewJob.of("c", "patch", "acme/app", "")).id;
        queue.claim("w", 1);

        assertThat(inNewTransaction(() -> Job.listByRepo("acme/app", 10))).extracting(job -> job.sourceKey)
                .containsExactly("c", "a");
        assertThat(inNewTransaction(() -> Job.listRecent(1))).extracting(job -> job.id).containsExactly(last);
        assertThat(inNewTransaction(() -> Job.countByStatus())).containsEntry(Status.RUNNING, 1L)
                .containsEntry(Status.QUEUED, 2L).containsEntry(Status.FAILED, 0L);
        assertThat(inNewTransaction(() -> Job.findBySourceKey("b"))).isPresent();
    }

    @Test
    void hostileInputIsRefusedWithAClearError() {
        assertThatThrownBy(() -> NewJob.of(" ", "patch", "acme/app", "")).hasMessageContaining("sourceKey is missing");
        assertThatThrownBy(() -> NewJob.of("k", "x".repeat(33), "acme/app", "")).hasMessageContaining("kind");
        assertThatThrownBy(() -> NewJob.of("k", "patch", "acme/app", "x".repeat(NewJob.MAX_PAYLOAD + 1)))
                .hasMessageContaining("payload");
        long id = queue.enqueue(NewJob.of("k", "patch", "acme/app", "")).id;
        queue.claim("w", 1);
        queue.fail(id, "w", "\uD83D\uDE00".repeat(10_000), false); // 20,000 chars of 4-byte characters
        assertThat(queue.find(id).orElseThrow().lastError).hasSizeLessThanOrEqualTo(JobQueue.MAX_ERROR)
                .contains("more characters cut");
    }

    @Test
    void aSecretInAnErrorOrASummaryIsStoredRedacted() {
        String token = FakeSecrets.GITHUB_TOKEN;
        long failed = queue.enqueue(NewJob.of("f", "patch", "acme/app", "")).id;
        long done = queue.enqueue(NewJob.of("d", "patch", "acme/app", "")).id;
        queue.claim("w", 2);

        queue.fail(failed, "w", "guard: rejected\n\nGITHUB_TOKEN = \"" + token + "\"", false);
        queue.complete(done, "w", new JobResult("reverted: the answer held " + token, null));

        assertThat(queue.find(failed).orElseThrow().lastError)
                .isEqualTo("guard: rejected\n\nGITHUB_TOKEN = \"[REDACTED github-token]\"");
        assertThat(queue.find(done).orElseThrow().result)
                .isEqualTo("reverted: the answer held [REDACTED github-token]");
    }

    private static long jobCount() {
        return inNewTransaction(() -> Job.count());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
