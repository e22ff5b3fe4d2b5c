package dev.selfcode.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** GitHub delivery ids already seen (table {@code delivery}), so a redelivered webhook is handled once. */
@ApplicationScoped
public class Deliveries {

    static final int MAX_ID = 64;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Records the delivery; true only for the first call with this id, also under concurrency (the primary
     * key decides). Joins the caller's transaction, so a caller that rolls back forgets the delivery too.
     */
    @Transactional
    public boolean firstSeen(String deliveryId, String event) {
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > MAX_ID) {
            throw new IllegalArgumentException("delivery id must be 1.." + MAX_ID + " characters");
        }
        String kind = event == null || event.isBlank() ? "unknown" : event.substring(0, Math.min(event.length(), MAX_ID));
        return em.createNativeQuery("INSERT IGNORE INTO delivery (delivery_id, event, received_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, deliveryId)
                .setParameter(2, kind)
                .setParameter(3, clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .executeUpdate() == 1;
    }

    /** Forgets deliveries received before {@code cutoff} (GitHub redelivers for days, not months). */
    @Transactional
    public int forgetBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM delivery WHERE received_at < ?1").setParameter(1, cutoff)
                .executeUpdate();
    }
}
