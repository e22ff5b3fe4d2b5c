package dev.selfcode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.SweepCron;
import dev.selfcode.testsupport.AdjustableClock;

/**
 * On-demand benchmark (bench/sweep-tick.sh; not matched by Surefire's default includes): the sweep tick over 1,000
 * repositories with due-time rows, each on its own daily cron, ticking every 30 s of simulated time (about one repo
 * due per tick), against a baseline of one trivial query in a transaction on the same database, alternating.
 * Goal: tick p50 <= 50 ms. Also the one tick after a long outage, when all 1,000 are due at once.
 */
@QuarkusTest
class SweepTickBenchmark {

    private static final int REPOS = Integer.getInteger("bench.repos", 1000);
    private static final int TICKS = Integer.getInteger("bench.ticks", 400);

    @Inject
    DueSweeps tick;
    @Inject
    SweepSchedules schedules;
    @Inject
    AdjustableClock clock;
    @Inject
    EntityManager em;

    @Test
    void tickOverAThousandRepos() {
        clock.reset();
        DueSweepsTest.clearSweeps(em);
        Random random = new Random(42);
        for (int i = 0; i < REPOS; i++) {
            schedules.configure("bench/repo-" + i, 1L,
                    SweepCron.parse(random.nextInt(60) + " " + random.nextInt(24) + " * * *", null));
        }
        for (int i = 0; i < 20; i++) { // warm-up
            clock.advance(Duration.ofSeconds(30));
            tick.tick();
            baseline();
        }
        List<Long> ticks = new ArrayList<>();
        List<Long> baselines = new ArrayList<>();
        int advanced = 0;
        for (int i = 0; i < TICKS; i++) {
            clock.advance(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            advanced += tick.tick();
            long t1 = System.nanoTime();
            baseline();
            long t2 = System.nanoTime();
            ticks.add(t1 - t0);
            baselines.add(t2 - t1);
        }
        clock.advance(Duration.ofDays(2)); // every repo is now due, some twice over
        long o0 = System.nanoTime();
        int afterOutage = 0;
        int n;
        while ((n = tick.tick()) > 0) {
            afterOutage += n;
        }
        long outage = System.nanoTime() - o0;

        double tickP50 = p(ticks, 50);
        double baseP50 = p(baselines, 50);
        System.out.printf(Locale.ROOT, "=== Sweep tick over %d repos (%d ticks, 30 s apart, %d due times run)%n",
                REPOS, TICKS, advanced);
        System.out.printf(Locale.ROOT, "tick      p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms%n", tickP50, p(ticks, 90),
                p(ticks, 99));
        System.out.printf(Locale.ROOT, "baseline  p50 %7.2f ms  (SELECT 1 in a transaction)%n", baseP50);
        System.out.printf(Locale.ROOT, "ratio     %.2fx; goal tick p50 <= 50 ms: %s%n", tickP50 / baseP50,
                tickP50 <= 50 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "after a 2-day outage: %d due rows caught up in %.0f ms (one job each)%n",
                afterOutage, outage / 1e6);
        assertThat(afterOutage).isEqualTo(REPOS);
    }

    private void baseline() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("SELECT 1").getSingleResult());
    }

    private static double p(List<Long> nanos, int pct) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * pct / 100)) / 1e6;
    }
}
