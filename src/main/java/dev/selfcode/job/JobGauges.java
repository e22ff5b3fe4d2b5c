package dev.selfcode.job;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import dev.selfcode.telemetry.Meters;

/**
 * selfcode_jobs{state}: the queue's jobs by state, from one grouped count that is cached for a few seconds, so
 * scrapes (one read per state) cost one query.
 */
@ApplicationScoped
public class JobGauges {

    private static final Logger LOG = Logger.getLogger(JobGauges.class);
    private static final Duration FRESH = Duration.ofSeconds(5);

    @Inject
    MeterRegistry registry;

    private Map<Job.Status, Long> counts = Map.of();
    private long countedAt;

    void register(@Observes StartupEvent event) {
        for (Job.Status status : Job.Status.values()) {
            Gauge.builder(Meters.JOBS, this, g -> g.count(status))
                    .tag("state", status.name().toLowerCase(java.util.Locale.ROOT))
                    .description("jobs in the queue by state").register(registry);
        }
    }

    synchronized double count(Job.Status status) {
        if (countedAt == 0 || System.nanoTime() - countedAt > FRESH.toNanos()) {
            try {
                Map<Job.Status, Long> fresh = new EnumMap<>(Job.Status.class);
                fresh.putAll(QuarkusTransaction.requiringNew().call(Job::countByStatus));
                counts = fresh;
            } catch (RuntimeException e) {
                LOG.debugf("could not count jobs: %s", e.getMessage());
            }
            countedAt = System.nanoTime();
        }
        return counts.getOrDefault(status, 0L);
    }
}
