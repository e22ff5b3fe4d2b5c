package dev.selfcode.sweep;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.config.SweepCron;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.NewJob;

/**
 * The sweep tick: every due row of {@code sweep_schedule} becomes one sweep job. The job is enqueued first, keyed by
 * repo and due time (a second replica, or a retry after a crash, finds the same job), and only then is the row moved
 * to its next due time after now, so due times missed while no replica ran merge into one sweep.
 */
@ApplicationScoped
public class DueSweeps {

    public static final String KIND = "sweep";
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(DueSweeps.class);

    @Inject
    SweepSchedules schedules;
    @Inject
    JobQueue queue;
    @Inject
    Clock clock;
    @Inject
    SelfcodeConfig config;

    @Scheduled(every = "${selfcode.sweeps.tick:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.sweeps().enabled()) {
            tick();
        }
    }

    /** Enqueues the sweeps due now; returns how many due times this call advanced. */
    public int tick() {
        Instant now = clock.instant();
        int advanced = 0;
        List<SweepSchedules.Row> due = schedules.due(now, BATCH);
        for (SweepSchedules.Row row : due) {
            SweepCron cron;
            try {
                cron = SweepCron.parse(row.cron(), row.timezone());
            } catch (IllegalArgumentException e) {
                LOG.warnf("%s: stored sweep schedule is unusable (%s); removed", row.repo(), e.getMessage());
                schedules.remove(row.repo());
                continue;
            }
            queue.enqueue(new NewJob(key(row.repo(), row.nextDue()), KIND, row.repo(), row.installationId(), null,
                    null, SweepRequest.scheduled(row.nextDue()).toJson(), 0, null));
            Optional<Instant> next = cron.nextAfter(now);
            if (next.isEmpty()) {
                schedules.remove(row.repo());
            } else if (schedules.advance(row.repo(), row.nextDue(), next.get())) {
                advanced++;
            }
        }
        return advanced;
    }

    /** The job key of one due time of one repository. */
    static String key(String repo, Instant due) {
        return "sweep:" + repo + "@" + due.toEpochMilli();
    }
}
