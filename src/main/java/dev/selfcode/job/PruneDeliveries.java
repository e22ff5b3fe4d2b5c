package dev.selfcode.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import dev.selfcode.config.SelfcodeConfig;

/**
 * Deletes deliveries older than {@code selfcode.deliveries.retention}, every hour: without it every webhook id and
 * every stored command body stays for ever. GitHub redelivers for days, not weeks, so old ids deduplicate nothing.
 * Replicas may prune at the same time; deleting twice is harmless.
 */
@ApplicationScoped
public class PruneDeliveries {

    private static final Logger LOG = Logger.getLogger(PruneDeliveries.class);
    // ReplayLostDeliveries looks back one day: a shorter retention would delete what it is about to replay.
    static final Duration MIN_RETENTION = Duration.ofDays(1);

    @Inject
    Deliveries deliveries;
    @Inject
    SelfcodeConfig config;
    @Inject
    Clock clock;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.deliveries().prune()) {
            prune();
        }
    }

    /** Deletes what is older than the retention; returns how many deliveries went. */
    public int prune() {
        Duration retention = config.deliveries().retention();
        if (retention.compareTo(MIN_RETENTION) < 0) {
            LOG.warnf("selfcode.deliveries.retention=%s is shorter than %s; keeping %s", retention, MIN_RETENTION,
                    MIN_RETENTION);
            retention = MIN_RETENTION;
        }
        Instant cutoff = clock.instant().minus(retention);
        int deleted = deliveries.forgetBefore(cutoff);
        if (deleted > 0) {
            LOG.infof("pruned %d deliver%s received before %s", deleted, deleted == 1 ? "y" : "ies", cutoff);
        }
        return deleted;
    }
}
