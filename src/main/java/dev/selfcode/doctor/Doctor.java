package dev.selfcode.doctor;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * {@code selfcode doctor}'s checks: each thing Selfcode needs to run, with a verdict and the fix. Nothing is changed
 * (the database write is rolled back), and every network check has a timeout, so the doctor never hangs.
 */
public final class Doctor {

    private static final Logger LOG = Logger.getLogger(Doctor.class);

    private Doctor() {
    }

    /** Runs every check in order: the machine, then the services, then what talks to the outside. */
    public static DoctorReport examine(DoctorSettings s) {
        DockerApi docker = new DockerApi(s.dockerHost(), s.timeout());
        List<Check> checks = List.of(
                new CheckJava(Runtime.version()),
                new CheckDocker(docker),
                new CheckImages(docker, s.images()),
                new CheckMavenRepository(s.mavenRepository()),
                new CheckDatabase(s.database(), s.migrations(), s.timeout()),
                new CheckLlm(s.llm(), s.timeout()),
                new CheckGitHubApp(s.app(), s.timeout()),
                new CheckWebhookSecret(s.app()),
                new CheckDiskSpace(s.dataDir(), s.minFreeBytes()));
        return run(checks);
    }

    /**
     * The Docker engine at {@code dockerHost} and every sandbox image in it: the part of the doctor the worker's
     * health check repeats while the server runs.
     */
    public static DoctorReport examineEngine(URI dockerHost, List<String> images, Duration timeout) {
        DockerApi docker = new DockerApi(dockerHost, timeout);
        return run(List.of(new CheckDocker(docker), new CheckImages(docker, images)));
    }

    static DoctorReport run(List<Check> checks) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            results.add(runOne(check));
        }
        return new DoctorReport(List.copyOf(results));
    }

    /** A check that throws is a failed check, not a failed doctor: the others still run. */
    private static CheckResult runOne(Check check) {
        try {
            return check.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "doctor: the %s check failed unexpectedly", check.name());
            return CheckResult.fail(check.name(), "the check itself failed: " + e,
                    "details in the log (selfcode doctor --verbose shows it)");
        }
    }
}
