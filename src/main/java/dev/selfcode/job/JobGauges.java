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
 * scrapes (one read per state) cost one query. The count runs on a thread of its own: a scrape may be served on an
 * I/O thread, which must not block on the database, so a stale cache is refreshed in the background and the scrape
 * reads what was counted last.
 */
@ApplicationScoped
public class JobGauges {

    private static final Logger LOG = Logger.getLogger(JobGauges.class);
    private static final Duration FRESH = Duration.ofSeconds(5);

    @Inject
    MeterRegistry registry;

    private volatile Map<Job.Status, Long> counts = Map.of();
    private volatile long countedAt;
    private final java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService counter = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "selfcode-job-gauges");
                t.setDaemon(true);
                return t;
            });

    void register(@Observes StartupEvent event) {
        // The registry can outlive this application (Quarkus started again in the same JVM hands back the meters
        // of the one before, bound to its stopped container): replace them, so the gauges ask this application.
        registry.find(Meters.JOBS).gauges().forEach(registry::remove);
        for (Job.Status status : Job.Status.values()) {
            Gauge.builder(Meters.JOBS, this, g -> g.count(status))
                    .tag("state", status.name().toLowerCase(java.util.Locale.ROOT))
                    .description("jobs in the queue by state").register(registry);
        }
    }

    double count(Job.Status status) {
        if ((countedAt == 0 || System.nanoTime() - countedAt > FRESH.toNanos()) && counting.compareAndSet(false, true)) {
            try {
                counter.execute(this::refresh);
            } catch (RuntimeException e) {
                LOG.warnf("selfcode_jobs: the background count could not start (%s); counting here", e.toString());
                refresh();
            }
        }
        return counts.getOrDefault(status, 0L);
    }

    private void refresh() {
        try {
            Map<Job.Status, Long> fresh = new EnumMap<>(Job.Status.class);
            fresh.putAll(QuarkusTransaction.requiringNew().call(Job::countByStatus));
            counts = fresh;
        } catch (RuntimeException e) {
            // Said at every failed refresh (at most every few seconds while scraped): a frozen gauge must be explained.
            LOG.warnf("selfcode_jobs not refreshed: could not count jobs: %s", e.toString());
        } finally {
            countedAt = System.nanoTime();
            counting.set(false);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        counter.shutdownNow();
    }
}
