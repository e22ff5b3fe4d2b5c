package dev.selfcode.sweep;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.selfcode.config.SweepCron;

/**
 * The {@code sweep_schedule} table: each repository's sweep cron and its next due time. Due times live in the
 * database, not in memory, so a restart neither misses nor repeats one and replicas share them.
 */
@ApplicationScoped
public class SweepSchedules {

    /** One row: a repository's schedule. */
    public record Row(String repo, Long installationId, String cron, String timezone, Instant nextDue) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Sets a repository's schedule. An unchanged cron and time zone keep the pending due time (reading the config
     * again must not skip or add a sweep); a new one starts from now.
     *
     * @return the next due time, empty when the expression never fires (then the row is removed)
     */
    @Transactional
    public Optional<Instant> configure(String repo, Long installationId, SweepCron cron) {
        Optional<Row> current = find(repo);
        if (current.isPresent() && current.get().cron().equals(cron.expression())
                && current.get().timezone().equals(cron.zone().getId())) {
            if (installationId != null && !installationId.equals(current.get().installationId())) {
                em.createNativeQuery("UPDATE sweep_schedule SET installation_id = ?1 WHERE repo = ?2")
                        .setParameter(1, installationId).setParameter(2, repo).executeUpdate();
            }
            return Optional.of(current.get().nextDue());
        }
        Instant now = now();
        Optional<Instant> next = cron.nextAfter(now);
        if (next.isEmpty()) {
            remove(repo);
            return next;
        }
        em.createNativeQuery("INSERT INTO sweep_schedule (repo, installation_id, cron, timezone, next_due, updated_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON DUPLICATE KEY UPDATE installation_id = VALUES(installation_id),"
                + " cron = VALUES(cron), timezone = VALUES(timezone), next_due = VALUES(next_due),"
                + " updated_at = VALUES(updated_at)")
                .setParameter(1, repo).setParameter(2, installationId).setParameter(3, cron.expression())
                .setParameter(4, cron.zone().getId()).setParameter(5, millis(next.get())).setParameter(6, now)
                .executeUpdate();
        return next;
    }

    /** The repository no longer sweeps (config removed, repo uninstalled). */
    @Transactional
    public void remove(String repo) {
        em.createNativeQuery("DELETE FROM sweep_schedule WHERE repo = ?1").setParameter(1, repo).executeUpdate();
    }

    @Transactional
    public Optional<Row> find(String repo) {
        List<Row> rows = rows("SELECT repo, installation_id, cron, timezone, next_due FROM sweep_schedule"
                + " WHERE repo = ?1", repo, 1);
        return rows.stream().findFirst();
    }

    /** Rows due at {@code now}, earliest first. */
    @Transactional
    public List<Row> due(Instant now, int max) {
        return rows("SELECT repo, installation_id, cron, timezone, next_due FROM sweep_schedule WHERE next_due <= ?1"
                + " ORDER BY next_due", millis(now), max);
    }

    /**
     * Moves a row from {@code due} to {@code next} if nobody did first: the compare-and-set that makes exactly one
     * replica advance each due time.
     */
    @Transactional
    public boolean advance(String repo, Instant due, Instant next) {
        return em.createNativeQuery("UPDATE sweep_schedule SET next_due = ?1, last_due = ?2, updated_at = ?3"
                + " WHERE repo = ?4 AND next_due = ?2")
                .setParameter(1, millis(next)).setParameter(2, millis(due)).setParameter(3, now())
                .setParameter(4, repo).executeUpdate() == 1;
    }

    private List<Row> rows(String sql, Object param, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> raw = em.createNativeQuery(sql).setParameter(1, param).setMaxResults(max).getResultList();
        return raw.stream().map(r -> new Row((String) r[0], r[1] == null ? null : ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], instant(r[4]))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    private Instant now() {
        return millis(clock.instant());
    }

    private static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
