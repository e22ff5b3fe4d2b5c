package dev.selfcode.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.testsupport.AdjustableClock;

@QuarkusTest
class DeliveriesTest {

    @Inject
    Deliveries deliveries;

    @Inject
    PruneDeliveries prune;

    @Inject
    AdjustableClock clock;

    @BeforeEach
    void reset() {
        QueueFixtures.resetTables();
        clock.reset();
    }

    @Test
    void aDeliveryIsFirstSeenOnce() {
        assertThat(deliveries.firstSeen("d-1", "issue_comment", null)).isTrue();
        assertThat(deliveries.firstSeen("d-1", "issue_comment", null)).isFalse();
        assertThat(deliveries.firstSeen("d-2", "issues", null)).isTrue();
    }

    @Test
    void concurrentRedeliveriesHaveExactlyOneWinner() throws Exception {
        int n = 8;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Boolean>> seen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                seen.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return deliveries.firstSeen("same", "issue_comment", null);
                }));
            }
            int winners = 0;
            for (Future<Boolean> f : seen) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(deliveryCount()).isEqualTo(1);
    }

    @Test
    void deliveriesOlderThanTheRetentionArePrunedAndRecentOnesStay() {
        deliveries.firstSeen("old", "issue_comment.created", "{\"comment\":{\"body\":\"/selfcode x\"}}");
        deliveries.firstSeen("old-plain", "issues.opened", null);
        clock.advance(Duration.ofDays(2));
        deliveries.firstSeen("29-days", "issues.opened", null);
        clock.advance(Duration.ofDays(29)); // default retention: 30 days
        deliveries.firstSeen("new", "issue_comment.created", "{}");

        assertThat(prune.prune()).isEqualTo(2);

        assertThat(deliveryIds()).containsExactlyInAnyOrder("29-days", "new");
        assertThat(prune.prune()).isZero();
        // A forgotten id is new again; a kept one still deduplicates.
        assertThat(deliveries.firstSeen("old", "issues", null)).isTrue();
        assertThat(deliveries.firstSeen("new", "issues", null)).isFalse();
    }

    @Test
    void aLargeBacklogIsPrunedInBatches() {
        int backlog = 2 * Deliveries.PRUNE_BATCH + 17;
        QueueFixtures.inNewTransaction(() -> Job.getEntityManager().createNativeQuery("INSERT INTO delivery"
                + " (delivery_id, event, received_at) SELECT CONCAT('backlog-', seq), 'issues', ?1 FROM seq_1_to_"
                + backlog).setParameter(1, clock.instant().minus(Duration.ofDays(40))).executeUpdate());
        deliveries.firstSeen("today", "issues", null);

        assertThat(prune.prune()).isEqualTo(backlog);
        assertThat(deliveryIds()).containsExactly("today");
    }

    @Test
    void badIdsAreRefusedAndLongEventNamesCut() {
        assertThatThrownBy(() -> deliveries.firstSeen("", "issues", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deliveries.firstSeen("x".repeat(65), "issues", null))
                .hasMessageContaining("1..64");
        assertThat(deliveries.firstSeen("d", "e".repeat(500), null)).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> deliveryIds() {
        return QueueFixtures.inNewTransaction(() -> Job.getEntityManager()
                .createNativeQuery("SELECT delivery_id FROM delivery").getResultList());
    }

    private static long deliveryCount() {
        return QueueFixtures.inNewTransaction(() -> ((Number) Job.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM delivery").getSingleResult()).longValue());
    }
}
