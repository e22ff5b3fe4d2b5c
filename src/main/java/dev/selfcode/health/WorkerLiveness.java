package dev.selfcode.health;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.job.JobWorker;

/** Liveness: the worker's poll loop keeps coming round (a stuck loop means restart the process). */
@Liveness
@ApplicationScoped
public class WorkerLiveness implements HealthCheck {

    @Inject
    JobWorker worker;

    @Inject
    SelfcodeConfig config;

    @Override
    public HealthCheckResponse call() {
        Optional<Duration> since = worker.sinceLastRound();
        Duration limit = config.worker().stuckAfter();
        if (since.isEmpty()) {
            return HealthCheckResponse.named("worker heartbeat").up().withData("poller", "not running").build();
        }
        long ms = since.get().toMillis();
        return HealthCheckResponse.named("worker heartbeat").status(since.get().compareTo(limit) <= 0)
                .withData("last round ms ago", ms).withData("limit ms", limit.toMillis()).build();
    }
}
