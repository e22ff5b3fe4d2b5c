package dev.selfcode.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.web.FixedViewer;

/**
 * A repository's page reads its own numbers in one query ({@link RepoQueries#detail}); the overview and
 * {@code /api/repos} count every repository's at once. Over rows of every kind (each outcome this week and one
 * older, a rollback, tokens, a tripped and reset breaker, a sweep schedule) both must say the same.
 */
@QuarkusTest
class RepoDetailTest {

    private static final String REPO = "detail/every-kind";
    private static final String OTHER = "detail/other";

    @Inject
    RepoQueries repos;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    private Instant now;

    @BeforeEach
    void seed() {
        now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("patch_history", "rollback_watch", "gpt_interaction", "repo_breaker",
                    "sweep_schedule", "installed_repo")) {
                em.createNativeQuery("DELETE FROM " + table + " WHERE repo LIKE 'detail/%'").executeUpdate();
            }
            Instant day = now.minus(Duration.ofDays(1));
            patch(REPO, "KEEP", null, 41, null, day, 0.25);
            patch(REPO, "KEEP", null, 41, null, day, null); // a second attempt on the same pull request
            patch(REPO, "KEEP", null, 42, "MERGED", day, null);
            patch(REPO, "REVERT", null, null, null, day, 0.5);
            patch(REPO, "REVERT", "build", null, null, day, null);
            patch(REPO, "FAILED", "llm", null, null, day, null);
            patch(REPO, "PENDING", null, null, null, day, null);
            patch(REPO, "KEEP", null, 7, null, now.minus(Duration.ofDays(30)), null); // older than the week
            patch(OTHER, "KEEP", null, 43, null, day, 0.75);
            sql("INSERT INTO rollback_watch (patch_id, repo, merged_at, state, updated_at) VALUES (1, ?1, ?2, 'REVERTED', ?2)",
                    REPO, day);
            sql("INSERT INTO gpt_interaction (repo, purpose, prompt, prompt_tokens, completion_tokens, created_at)"
                    + " VALUES (?1, 'patch', 'p', 100, 20, ?2)", REPO, day);
            sql("INSERT INTO gpt_interaction (repo, purpose, prompt, prompt_tokens, completion_tokens, created_at)"
                    + " VALUES (?1, 'summary', 'p', 5, NULL, ?2)", REPO, day);
            sql("INSERT INTO gpt_interaction (repo, purpose, prompt, prompt_tokens, completion_tokens, created_at)"
                    + " VALUES (?1, 'patch', 'p', 1000, 1000, ?2)", REPO, now.minus(Duration.ofDays(9)));
            sql("INSERT INTO repo_breaker (repo, counted_after, tripped_at, tripped_patch_id, reset_at, reset_by,"
                    + " updated_at) VALUES (?1, 0, ?2, 5, ?2, 'maintainer', ?2)", REPO, day);
            sql("INSERT INTO sweep_schedule (repo, installation_id, cron, timezone, next_due, last_due, updated_at)"
                    + " VALUES (?1, 77, '0 3 * * 1', 'Europe/Berlin', ?2, ?3, ?3)", REPO, now.plus(Duration.ofDays(2)),
                    day);
        });
    }

    @Test
    void theRepositorysOwnQueryAgreesWithTheOverviewsCounts() {
        RepoDetail detail = QuarkusTransaction.requiringNew().call(() -> repos.detail(FixedViewer.ADMIN, REPO))
                .orElseThrow();
        RepoSummary listed = QuarkusTransaction.requiringNew().call(() -> repos.list(FixedViewer.ADMIN)).stream()
                .filter(s -> s.repo().equals(REPO)).findFirst().orElseThrow();

        assertThat(detail.summary()).isEqualTo(listed);
        assertThat(listed.week()).isEqualTo(new WeekCounts(3, 1, 1, 1, 1, 1));
        assertThat(listed.openPulls()).isEqualTo(2); // 41 (twice) and the older 7; 42 was merged
        assertThat(listed.tokensWeek()).isEqualTo(125);
        assertThat(listed.breakerTripped()).isTrue();
        assertThat(listed.installationId()).isEqualTo(77L);
        assertThat(listed.nextSweep()).isEqualTo(now.plus(Duration.ofDays(2)));
        assertThat(detail.patches()).isEqualTo(8);
        assertThat(detail.config().threshold()).isEqualTo(0.5);
        assertThat(detail.breaker().trippedAt()).isEqualTo(now.minus(Duration.ofDays(1)));
        assertThat(detail.breaker().trippedBy()).isEqualTo(5L);
        assertThat(detail.breaker().resetBy()).isEqualTo("maintainer");
        assertThat(detail.sweep()).isEqualTo(new RepoDetail.Sweep("0 3 * * 1", "Europe/Berlin",
                now.plus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));
    }

    @Test
    void aRepositoryWithNoBreakerScheduleOrTokensReadsAsNone() {
        RepoDetail detail = QuarkusTransaction.requiringNew().call(() -> repos.detail(FixedViewer.ADMIN, OTHER))
                .orElseThrow();

        assertThat(detail.summary().week()).isEqualTo(new WeekCounts(1, 0, 0, 0, 0, 0));
        assertThat(detail.summary().tokensWeek()).isZero();
        assertThat(detail.summary().breakerTripped()).isFalse();
        assertThat(detail.summary().nextSweep()).isNull();
        assertThat(detail.sweep()).isNull();
        assertThat(detail.breaker().trippedAt()).isNull();
        assertThat(detail.config().threshold()).isEqualTo(0.75); // its own, not the other repository's
        assertThat(QuarkusTransaction.requiringNew().call(() -> repos.detail(FixedViewer.ADMIN, "detail/none")))
                .isEmpty();
    }

    private void patch(String repo, String decision, String failureStage, Integer pr, String outcome, Instant at,
            Double threshold) {
        em.createNativeQuery("INSERT INTO patch_history (repo, file_path, description, trigger_source, decision,"
                + " failure_stage, pr_number, pr_outcome, threshold_value, created_at) VALUES (?1, 'a.py', 'x',"
                + " 'comment', ?2, " + literal(failureStage) + ", " + pr + ", " + literal(outcome) + ", " + threshold
                + ", ?3)").setParameter(1, repo).setParameter(2, decision).setParameter(3, Rows.utc(at))
                .executeUpdate();
    }

    /** A constant of this test as SQL: NULL or a quoted word. */
    private static String literal(String word) {
        return word == null ? "NULL" : "'" + word + "'";
    }

    private void sql(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i] instanceof Instant t ? Rows.utc(t) : params[i]);
        }
        q.executeUpdate();
    }
}
