package dev.selfcode.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * GitHub delivery ids already seen (table {@code delivery}), so a redelivered webhook is handled once. The one place
 * that inserts and deletes delivery rows: the webhook path and the benchmark's bare endpoint share its insert.
 */
@ApplicationScoped
public class Deliveries {

    public static final int MAX_ID = 64;
    static final int MAX_EVENT = 64;
    // Rows deleted per statement while pruning: short transactions, however large the backlog.
    static final int PRUNE_BATCH = 1_000;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Records the delivery, with its body when {@code payload} is not null (kept for a replay); true only for the
     * first call with this id, also under concurrency (the primary key decides). Joins the caller's transaction,
     * so a caller that rolls back forgets the delivery too.
     */
    @Transactional
    public boolean firstSeen(String deliveryId, String event, String payload) {
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > MAX_ID) {
            throw new IllegalArgumentException("delivery id must be 1.." + MAX_ID + " characters");
        }
        String kind = event == null || event.isBlank()
                ? "unknown"
                : event.substring(0, Math.min(event.length(), MAX_EVENT));
        return em.createNativeQuery("INSERT IGNORE INTO delivery (delivery_id, event, received_at, payload)"
                + " VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, deliveryId)
                .setParameter(2, kind)
                .setParameter(3, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setParameter(4, payload)
                .executeUpdate() == 1;
    }

    /**
     * Forgets deliveries received before {@code cutoff}, bodies included, in batches that each commit on their own;
     * returns how many went.
     */
    public int forgetBefore(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("DELETE FROM delivery WHERE received_at < ?1 LIMIT " + PRUNE_BATCH)
                    .setParameter(1, cutoff).executeUpdate());
            total += deleted;
        } while (deleted == PRUNE_BATCH);
        return total;
    }
}
