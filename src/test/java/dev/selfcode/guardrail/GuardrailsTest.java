package dev.selfcode.guardrail;

import static dev.selfcode.guardrail.GuardrailRows.attempt;
import static dev.selfcode.guardrail.GuardrailRows.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testsupport.AdjustableClock;

/** The breaker and the budgets against the real MariaDB, with the suite's adjustable clock. */
@QuarkusTest
class GuardrailsTest {

    private static final AtomicInteger REPOS = new AtomicInteger();
    static final RepoLimits LIMITS = new RepoLimits(3, 10, 200_000, 3, List.of());

    @Inject
    Guardrails guardrails;
    @Inject
    AdjustableClock clock;
    @Inject
    EntityManager em;

    String repo;

    @BeforeEach
    void setUp() {
        clock.reset();
        repo = "octo/guard-" + REPOS.incrementAndGet();
    }

    /** In the database's precision (DATETIME(3)), so times read back compare equal. */
    Instant ago(Duration d) {
        return clock.instant().minus(d).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void theBreakerOpensAfterNRejectionsInARowAndOutagesDoNotCount() {
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(50)));
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofHours(40))); // a kept patch ends the run before it
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(30)));
        attempt(repo, PatchAttempt.FAILED, ago(Duration.ofHours(29))); // an LLM outage: neither counts nor resets
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(28)));
        assertThat(guardrails.breaker(repo, LIMITS)).isEqualTo(new Guardrails.BreakerState(2, 3, false));
        assertThat(guardrails.check(repo, LIMITS, true)).isEmpty();

        long third = attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(27)));

        Refusal r = guardrails.check(repo, LIMITS, true).orElseThrow();
        assertThat(r.guard()).isEqualTo(Guard.BREAKER);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.resetsAt()).isEmpty();
        // Said once: the first caller after the trip announces it, every later one stays silent.
        assertThat(guardrails.tripIfDue(repo, LIMITS, third, 7)).contains(new Guardrails.BreakerState(3, 3, true));
        assertThat(guardrails.tripIfDue(repo, LIMITS, third, 7)).isEmpty();
    }

    @Test
    void aKeptPatchRolledBackLaterCountsAsRejected() {
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(30)));
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofHours(29)), 12, CircuitBreaker.ROLLED_BACK);
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(28)));
        assertThat(guardrails.breaker(repo, LIMITS).open()).isTrue();
    }

    @Test
    void aResetClosesTheBreakerAndOnlyLaterAttemptsCount() {
        for (int i = 0; i < 3; i++) {
            attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(30 - i)));
        }
        assertThat(guardrails.tripIfDue(repo, LIMITS, 1, 3)).isPresent();

        assertThat(guardrails.reset(repo, LIMITS, "github:maintainer")).isEqualTo(new Guardrails.BreakerState(3, 3, true));

        assertThat(guardrails.check(repo, LIMITS, true)).isEmpty();
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(1)));
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofMinutes(30)));
        assertThat(guardrails.breaker(repo, LIMITS)).isEqualTo(new Guardrails.BreakerState(2, 3, false));
        // The trip after a reset is announced again.
        long next = attempt(repo, PatchAttempt.REVERT, ago(Duration.ofMinutes(10)));
        assertThat(guardrails.tripIfDue(repo, LIMITS, next, 4)).isPresent();
    }

    @Test
    void theStateSurvivesARestart() {
        for (int i = 0; i < 3; i++) {
            attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(30 - i)));
        }
        assertThat(guardrails.tripIfDue(repo, LIMITS, 1, 3)).isPresent();

        // A new instance with nothing in memory, as after a restart, on the same database.
        Guardrails fresh = fresh();
        assertThat(QuarkusTransaction.requiringNew().call(() -> fresh.check(repo, LIMITS, true)))
                .get().extracting(Refusal::guard).isEqualTo(Guard.BREAKER);
        assertThat(QuarkusTransaction.requiringNew().call(() -> fresh.tripIfDue(repo, LIMITS, 1, 3))).isEmpty();

        guardrails.reset(repo, LIMITS, "cli:me");
        Guardrails again = fresh();
        assertThat(QuarkusTransaction.requiringNew().call(() -> again.check(repo, LIMITS, true))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> again.breaker(repo, LIMITS)).inARow()).isZero();
    }

    private Guardrails fresh() {
        Guardrails g = new Guardrails();
        g.breaker = new CircuitBreaker();
        g.breaker.em = em;
        g.counts = new BudgetCounts();
        g.counts.em = em;
        g.clock = clock;
        return g;
    }

    @Test
    void patchesPerDayRefusesUntilTheOldestCountedAttemptLeavesTheWindow() {
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofHours(25))); // outside the window
        Instant oldest = ago(Duration.ofHours(23));
        attempt(repo, PatchAttempt.KEEP, oldest);
        for (int i = 1; i < 10; i++) {
            attempt(repo, PatchAttempt.KEEP, oldest.plus(Duration.ofMinutes(10 * i)));
            attempt(repo, PatchAttempt.FAILED, oldest.plus(Duration.ofMinutes(10 * i + 1))); // an outage costs no patch
        }

        Refusal r = guardrails.refuse(repo, LIMITS, false, "sweep").orElseThrow();

        assertThat(r.guard()).isEqualTo(Guard.PATCHES_PER_DAY);
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.limit()).isEqualTo(10);
        assertThat(r.resetsAt()).contains(oldest.plus(Duration.ofHours(24)));
        GuardrailSkip skip = QuarkusTransaction.requiringNew().call(() -> GuardrailSkip.<GuardrailSkip>find("repo", repo)
                .singleResult());
        assertThat(skip.trigger).isEqualTo("sweep");
        assertThat(skip.guard).isEqualTo(Guard.PATCHES_PER_DAY);
        assertThat(skip.count).isEqualTo(10);

        clock.advance(Duration.between(clock.instant(), r.resetsAt().orElseThrow()).plusSeconds(1));
        assertThat(guardrails.check(repo, LIMITS, false)).isEmpty();
    }

    @Test
    void tokensPerDayRefusesWithTheSpentTotalAndWhenEnoughLeaves() {
        Instant first = ago(Duration.ofHours(20));
        call(repo, 120_000, first);
        call(repo, 90_000, ago(Duration.ofHours(2)));
        call(repo, 500_000, ago(Duration.ofHours(30))); // outside the window
        call("octo/someone-else", 900_000, ago(Duration.ofHours(1)));

        Refusal r = guardrails.check(repo, LIMITS, true).orElseThrow();

        assertThat(r.guard()).isEqualTo(Guard.TOKENS_PER_DAY);
        assertThat(r.count()).isEqualTo(210_000);
        assertThat(r.limit()).isEqualTo(200_000);
        assertThat(r.resetsAt()).contains(first.plus(Duration.ofHours(24)));
    }

    @Test
    void openPullRequestsCountUntilMergedOrClosedAndAnUpdateIsNotStopped() {
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(3)), 4, null);
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(2)), 4, null); // a second run on the same PR
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(2)), 6, "merged");
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(2)), 7, null);
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(2)), 9, null);

        Refusal r = guardrails.check(repo, LIMITS, true).orElseThrow();

        assertThat(r.guard()).isEqualTo(Guard.OPEN_PRS);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.openPulls()).containsExactly(4, 7, 9);
        assertThat(guardrails.check(repo, LIMITS, false)).isEmpty();
        assertThat(guardrails.check(repo, new RepoLimits(4, 10, 200_000, 3, List.of()), true)).isEmpty();
    }

    @Test
    void aClampedLimitIsNamedInTheRefusal() {
        var clamp = new RepoLimits.Clamp(Guard.PATCHES_PER_DAY, 500, 2);
        RepoLimits limits = new RepoLimits(3, 2, 200_000, 3, List.of(clamp));
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(2)));
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofHours(1)));

        assertThat(guardrails.check(repo, limits, true)).get().extracting(Refusal::clamp).isEqualTo(Optional.of(clamp));
    }
}
