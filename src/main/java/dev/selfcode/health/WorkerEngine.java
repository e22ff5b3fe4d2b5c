package dev.selfcode.health;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.doctor.Doctor;
import dev.selfcode.doctor.DoctorReport;
import dev.selfcode.doctor.DoctorSettings;
import dev.selfcode.doctor.Verdict;
import dev.selfcode.job.ClaimGate;

/**
 * The Docker engine the sandboxes use and the sandbox images in it, probed with the doctor's checks at most once per
 * {@code selfcode.worker.engine-check}; the worker claims no job while it is down.
 */
@ApplicationScoped
public class WorkerEngine implements ClaimGate {

    private static final Logger LOG = Logger.getLogger(WorkerEngine.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One probe's answer and when it was taken (System.nanoTime()). */
    record Probe(DoctorReport report, long at) {

        boolean up() {
            return report.results().stream().noneMatch(r -> r.verdict() == Verdict.FAIL);
        }
    }

    @Inject
    SelfcodeConfig config;

    private volatile Probe last;

    @Override
    public boolean open() {
        return !config.worker().waitForEngine() || probe().up();
    }

    /** The latest probe, taken again when older than the check interval. */
    Probe probe() {
        Probe probe = last;
        if (probe != null && System.nanoTime() - probe.at() < config.worker().engineCheck().toNanos()) {
            return probe;
        }
        synchronized (this) {
            probe = last;
            if (probe != null && System.nanoTime() - probe.at() < config.worker().engineCheck().toNanos()) {
                return probe;
            }
            Probe fresh = new Probe(Doctor.examineEngine(host(), images(), TIMEOUT), System.nanoTime());
            logTransition(probe, fresh);
            last = fresh;
            return fresh;
        }
    }

    URI host() {
        return config.worker().engineHost().filter(h -> !h.isBlank()).map(URI::create)
                .orElseGet(DoctorSettings::defaultDockerHost);
    }

    private List<String> images() {
        SelfcodeConfig.Sandbox sandbox = config.sandbox();
        return List.of(sandbox.pythonImage(), sandbox.javaImage(), sandbox.java21Image(), sandbox.nodeImage())
                .stream().distinct().toList();
    }

    // Once per change, not once per poll: a blip of Docker would otherwise flood the log.
    private static void logTransition(Probe before, Probe now) {
        boolean wasUp = before == null || before.up();
        if (wasUp && !now.up()) {
            LOG.warnf("worker: not claiming jobs until the Docker engine and the sandbox images are back: %s",
                    problems(now.report()));
        } else if (!wasUp && now.up()) {
            LOG.info("worker: the Docker engine and the sandbox images are back; claiming jobs again");
        }
    }

    static String problems(DoctorReport report) {
        return report.results().stream().filter(r -> r.verdict() == Verdict.FAIL)
                .map(r -> r.check() + ": " + r.detail()).collect(java.util.stream.Collectors.joining("; "));
    }
}
