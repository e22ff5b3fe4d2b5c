package dev.selfcode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.SweepCron;
import dev.selfcode.testsupport.AdjustableClock;

/** Due-time bookkeeping on the real database with the test clock: each due time runs exactly once. */
@QuarkusTest
class DueSweepsTest {

    private static final String REPO = "acme/swept";

    @Inject
    DueSweeps tick;
    @Inject
    SweepSchedules schedules;
    @Inject
    AdjustableClock clock;
    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        clock.reset();
        clearSweeps(em);
    }

    /** No schedules and no sweep jobs: what each test (and the benchmark) starts from. */
    static void clearSweeps(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM sweep_schedule").executeUpdate();
            em.createNativeQuery("DELETE FROM job WHERE kind = 'sweep'").executeUpdate();
        });
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCronFiringEveryMinuteRunsOncePerMinuteOverAnHourOfTicks() {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        schedules.configure(REPO, 7L, SweepCron.parse("* * * * *", null));

        for (int i = 0; i < 180; i++) {
            clock.advance(Duration.ofSeconds(20));
            tick.tick();
        }

        assertThat(dueTimes()).containsExactlyElementsOf(minutesBetween(start, clock.instant()));
    }

    @Test
    void twoWorkersTickingTogetherStillRunEachDueTimeOnce() throws Exception {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        schedules.configure(REPO, 7L, SweepCron.parse("* * * * *", null));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 60; i++) {
                clock.advance(Duration.ofSeconds(30));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Integer>> ticks = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    ticks.add(workers.submit(() -> {
                        together.await();
                        return tick.tick();
                    }));
                }
                int advanced = 0;
                for (Future<Integer> f : ticks) {
                    advanced += f.get();
                }
                assertThat(advanced).as("due times advanced by both workers at step %d", i).isLessThanOrEqualTo(1);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(dueTimes()).containsExactlyElementsOf(minutesBetween(start, clock.instant()));
    }

    @Test
    void dueTimesMissedWhileDownMergeIntoOneSweepAndTheNextDueIsInTheFuture() {
        schedules.configure(REPO, 7L, SweepCron.parse("*/10 * * * *", null));
        Instant firstDue = schedules.find(REPO).orElseThrow().nextDue();

        clock.advance(Duration.ofMinutes(35)); // three or four due times pass with no replica running
        assertThat(tick.tick()).isEqualTo(1);
        assertThat(tick.tick()).as("a second tick at the same time").isZero();

        assertThat(dueTimes()).containsExactly(firstDue);
        Instant next = schedules.find(REPO).orElseThrow().nextDue();
        assertThat(next).isAfter(clock.instant());
        assertThat(next.atZone(java.time.ZoneOffset.UTC).getMinute() % 10).isZero();
    }

    @Test
    void readingTheSameScheduleAgainKeepsThePendingDueTimeAndANewOneStartsFromNow() {
        Instant first = schedules.configure(REPO, 7L, SweepCron.parse("0 3 * * 1", null)).orElseThrow();
        clock.advance(Duration.ofDays(2));
        assertThat(schedules.configure(REPO, 7L, SweepCron.parse("0 3 * * 1", "UTC"))).contains(first);

        Instant berlin = schedules.configure(REPO, 7L, SweepCron.parse("0 3 * * 1", "Europe/Berlin")).orElseThrow();
        assertThat(berlin).isNotEqualTo(first).isAfter(clock.instant());
        assertThat(berlin.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(3);
    }

    @Test
    void aRemovedScheduleEnqueuesNothing() {
        schedules.configure(REPO, 7L, SweepCron.parse("* * * * *", null));
        schedules.remove(REPO);
        clock.advance(Duration.ofMinutes(5));
        assertThat(tick.tick()).isZero();
        assertThat(dueTimes()).isEmpty();
    }

    /** The due times of the sweep jobs enqueued for REPO, in order, read back from their keys. */
    private List<Instant> dueTimes() {
        @SuppressWarnings("unchecked")
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT source_key FROM job WHERE kind = 'sweep' AND repo = ?1 ORDER BY id").setParameter(1, REPO)
                .getResultList());
        return keys.stream().map(k -> Instant.ofEpochMilli(Long.parseLong(k.substring(k.lastIndexOf('@') + 1))))
                .toList();
    }

    private static List<Instant> minutesBetween(Instant fromExclusive, Instant toInclusive) {
        List<Instant> minutes = new ArrayList<>();
        for (Instant m = fromExclusive.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)); !m
                .isAfter(toInclusive); m = m.plus(Duration.ofMinutes(1))) {
            minutes.add(m);
        }
        return minutes;
    }
}
