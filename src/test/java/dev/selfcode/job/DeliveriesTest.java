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

import dev.selfcode.testsupport.AdjustableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveriesTest {

    @Inject
    Deliveries deliveries;

    @Inject
    AdjustableClock clock;

    @BeforeEach
    void reset() {
        QueueFixtures.resetTables();
        clock.reset();
    }

    @Test
    void aDeliveryIsFirstSeenOnce() {
        assertThat(deliveries.firstSeen("d-1", "issue_comment")).isTrue();
        assertThat(deliveries.firstSeen("d-1", "issue_comment")).isFalse();
        assertThat(deliveries.firstSeen("d-2", "issues")).isTrue();
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
                    return deliveries.firstSeen("same", "issue_comment");
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
    void oldDeliveriesAreForgotten() {
        deliveries.firstSeen("old", "issues");
        clock.advance(Duration.ofDays(30));
        deliveries.firstSeen("new", "issues");

        assertThat(deliveries.forgetBefore(clock.instant().minus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(deliveries.firstSeen("old", "issues")).isTrue();
        assertThat(deliveries.firstSeen("new", "issues")).isFalse();
    }

    @Test
    void badIdsAreRefusedAndLongEventNamesCut() {
        assertThatThrownBy(() -> deliveries.firstSeen("", "issues")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deliveries.firstSeen("x".repeat(65), "issues"))
                .hasMessageContaining("1..64");
        assertThat(deliveries.firstSeen("d", "e".repeat(500))).isTrue();
    }

    private static long deliveryCount() {
        return QueueFixtures.inNewTransaction(() -> ((Number) Job.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM delivery").getSingleResult()).longValue());
    }
}
