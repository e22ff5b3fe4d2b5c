package dev.selfcode.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

import dev.selfcode.doctor.CheckResult;

/**
 * {@code /q/health/group/worker}: the Docker engine and the sandbox images. Not a readiness check on purpose:
 * webhooks keep being accepted and stored while Docker blips; only the worker waits.
 */
@HealthGroup("worker")
@ApplicationScoped
public class WorkerHealthCheck implements HealthCheck {

    @Inject
    WorkerEngine engine;

    @Override
    public HealthCheckResponse call() {
        WorkerEngine.Probe probe = engine.probe();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("worker engine").status(probe.up())
                .withData("host", engine.host().toString());
        for (CheckResult result : probe.report().results()) {
            response.withData(result.check(), result.verdict().label() + ": " + result.detail());
        }
        return response.build();
    }
}
