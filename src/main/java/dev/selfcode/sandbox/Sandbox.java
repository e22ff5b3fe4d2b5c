package dev.selfcode.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Timer;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.sandbox.Evaluation.Status;
import dev.selfcode.telemetry.Meters;
import dev.selfcode.text.Resources;

/**
 * Runs a repository's steps (setup, lint, test, metrics) in one throw-away hardened container and reads
 * the results; also runs one-shot commands (syntax checks) the same way. The caller's directory is copied,
 * never written. Thread-safe.
 */
@ApplicationScoped
public class Sandbox {

    static final String WORKSPACE = "/workspace";
    static final String OUT = "/selfcode/out";
    static final String CTL = "/selfcode/ctl";
    static final String STEPS = "/selfcode/steps";
    static final String M2 = "/selfcode/m2";
    /** Time the runner gets beyond the repository's timeout to record and flush before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    static final String RUNNER = resource("runner.sh");

    private final SelfcodeConfig.Sandbox settings;
    private final Optional<DependencyPhase> deps;

    @Inject
    public Sandbox(SelfcodeConfig config) {
        this(config.sandbox(), DepsSettings.of(config));
    }

    /** Without a dependency phase: a repository's deps command is then ignored. */
    public Sandbox(SelfcodeConfig.Sandbox settings) {
        this(settings, Optional.empty());
    }

    public Sandbox(SelfcodeConfig.Sandbox settings, Optional<DepsSettings> deps) {
        this.settings = settings;
        this.deps = deps.map(d -> new DependencyPhase(d, settings.outputLimit(), settings.pids()));
    }

    /**
     * Runs the configured steps on a copy of {@code repoDir} (without {@code .git}) and measures them. Never
     * throws for what the repository does; an engine problem is {@link Status#SANDBOX_ERROR}.
     */
    public Evaluation evaluate(Path repoDir, RepoConfig config) {
        return timed(repoDir, config, false);
    }

    /**
     * Measures a base commit as {@link #evaluate} does, and when tests failed runs the test step once more in the same
     * sandbox (the workspace as the first run left it, the same sealed report channels): the failing tests that pass
     * then are the evaluation's {@link Evaluation#rerunPassed}. Candidates are never re-run: a patch could make a test
     * fail first and pass on purpose.
     */
    public Evaluation evaluateBase(Path repoDir, RepoConfig config) {
        return timed(repoDir, config, true);
    }

    private Evaluation timed(Path repoDir, RepoConfig config, boolean rerunFailing) {
        Timer.Sample started = Meters.start();
        Evaluation evaluation = evaluate(repoDir, config, rerunFailing);
        Meters.sandboxEvaluation(started, evaluation.status().name());
        return evaluation;
    }

    private Evaluation evaluate(Path repoDir, RepoConfig config, boolean rerunFailing) {
        Map<String, String> steps = new LinkedHashMap<>();
        config.setupStep().ifPresent(s -> steps.put("setup", s));
        config.lintStep().ifPresent(s -> steps.put("lint", s));
        // Before the tests: nothing a test leaves in the workspace may change what lint or metrics measure.
        config.metricsStep().ifPresent(s -> steps.put("metrics", s));
        steps.put("test", config.test());
        DependencyPhase.Installed installed = DependencyPhase.Installed.NOTHING;
        if (deps.isPresent()) {
            try {
                DependencyPhase.Result result = deps.get().install(repoDir, config);
                if (result.failure().isPresent()) {
                    return result.failure().get();
                }
                installed = result.installed();
            } catch (SandboxException e) {
                return failed(e.getMessage());
            }
        }
        try (RunDirectory run = RunDirectory.copyOf(repoDir)) {
            for (Map.Entry<String, String> step : steps.entrySet()) {
                run.writeStep(step.getKey(), step.getValue());
            }
            List<String> names = List.copyOf(steps.keySet());
            HardenedContainer.Outcome outcome = runSteps(run, config.image(), names, config.limits(), installed);
            Evaluation first = new EvaluationReader(run, names, settings.outputLimit(), repoDir).read(config, outcome);
            return rerunFailing ? rerun(run, repoDir, config, installed, first) : first;
        } catch (SandboxException e) {
            return failed(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return failed("cannot prepare the sandbox workspace: " + e.getMessage());
        }
    }

    /**
     * Runs the test step of a usable run with failing tests once more in its run directory, with a fresh control
     * folder, and says which failing tests passed then; a re-run that is itself unusable changes nothing.
     */
    private Evaluation rerun(RunDirectory run, Path repoDir, RepoConfig config, DependencyPhase.Installed installed,
            Evaluation first) {
        if (!first.usable() || first.failingIds().isEmpty()) {
            return first;
        }
        try {
            run.clearControl();
            List<String> names = List.of("test");
            HardenedContainer.Outcome outcome = runSteps(run, config.image(), names, config.limits(), installed);
            EvaluationReader reader = new EvaluationReader(run, names, settings.outputLimit(), repoDir);
            Evaluation again = reader.read(config, outcome);
            if (!again.usable()) {
                LOG.infof("the re-run of %d failing tests was unusable (%s): no test counts as flaky",
                        first.failingIds().size(), again.cause());
                return first;
            }
            java.util.Set<String> passed = reader.passedIds();
            return first.withRerunPassed(first.failingIds().stream().filter(passed::contains).toList());
        } catch (SandboxException | IOException | UncheckedIOException e) {
            LOG.infof("could not re-run the failing tests: %s", e.getMessage());
            return first;
        }
    }

    /**
     * Runs one shell command in {@code image} on a copy of {@code dir} (mounted at {@code /workspace}) with the
     * same hardening as {@link #evaluate}.
     *
     * @throws SandboxException when Docker or the image is missing, or the engine fails
     */
    public CommandResult exec(String image, Path dir, String command, RepoConfig.Limits limits) {
        try (RunDirectory run = RunDirectory.copyOf(dir)) {
            run.writeStep("command", command);
            HardenedContainer.Outcome outcome = runSteps(run, image, List.of("command"), limits,
                    DependencyPhase.Installed.NOTHING);
            run.runnerError().ifPresent(problem -> {
                throw new SandboxException(problem);
            });
            boolean timedOut = outcome.killedAtDeadline() || run.control("timeout").isPresent();
            String output = run.stepLog("command", settings.outputLimit()).orElse("");
            int exit = timedOut ? -1 : run.exitCode("command").orElse(-1);
            return new CommandResult(exit, output, timedOut, outcome.wallSeconds());
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxException("cannot prepare the sandbox workspace: " + e.getMessage(), e);
        }
    }

    HardenedContainer.Outcome runSteps(RunDirectory run, String image, List<String> steps,
            RepoConfig.Limits limits, DependencyPhase.Installed installed) {
        long timeoutSeconds = Math.max(1, (limits.timeout().toMillis() + 999) / 1000);
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", RUNNER, "selfcode-runner",
                Long.toString(timeoutSeconds), Integer.toString(settings.outputLimit())));
        command.addAll(steps);
        List<HardenedContainer.Mount> mounts = new ArrayList<>(List.of(
                new HardenedContainer.Mount(run.workspace.toString(), WORKSPACE, true),
                new HardenedContainer.Mount(run.steps.toString(), STEPS, false),
                new HardenedContainer.Mount(run.ctl.toString(), CTL, true),
                new HardenedContainer.Mount(run.out.toString(), OUT, true)));
        // What the dependency phase installed, read-only; its Maven repository holds all the build needs.
        installed.m2().or(this::mavenRepository)
                .ifPresent(m2 -> mounts.add(new HardenedContainer.Mount(m2.toString(), M2, false)));
        installed.nodeModules().ifPresent(n -> mounts.add(
                new HardenedContainer.Mount(n.toString(), DependencyPhase.NODE_MODULES, false)));
        Map<String, String> env = new LinkedHashMap<>(environment());
        installed.corepack().ifPresent(c -> {
            // The pnpm or yarn the deps phase fetched, for scripts that call it; offline, nothing more is fetched.
            mounts.add(new HardenedContainer.Mount(c.toString(), DependencyPhase.COREPACK, false));
            env.put("COREPACK_HOME", DependencyPhase.COREPACK);
            env.put("COREPACK_ENABLE_DOWNLOAD_PROMPT", "0");
            env.put("COREPACK_ENABLE_AUTO_PIN", "0");
            env.put("COREPACK_ENABLE_NETWORK", "0");
        });
        installed.python().ifPresent(p -> {
            mounts.add(new HardenedContainer.Mount(p.toString(), DependencyPhase.PYTHON, false));
            // pip --user's site (or a --target folder) after the working directory, which python -m puts first:
            // the workspace's own code wins over an installed copy of the project.
            env.put("PYTHONUSERBASE", DependencyPhase.PYTHON);
            env.put("PYTHONPATH", DependencyPhase.PYTHON);
        });
        SandboxLimits resources = new SandboxLimits(HardenedContainer.cpus(limits.cpus()), limits.memoryBytes(),
                settings.pids(), limits.memoryBytes());
        return HardenedContainer.run(image, command, env, mounts, resources,
                Duration.ofSeconds(timeoutSeconds).plus(GRACE));
    }

    /** The whole environment of a run: the image's own plus these; nothing from the host. */
    static Map<String, String> environment() {
        // CI and NO_COLOR: runners neither watch nor colour their output, which the logs and causes quote.
        return Map.of("HOME", "/tmp/home", "TMPDIR", "/tmp", "LANG", "C.UTF-8", "SELFCODE_OUT", OUT,
                "SELFCODE_M2", M2, "CI", "true", "NO_COLOR", "1");
    }

    private Optional<Path> mavenRepository() {
        Optional<Path> m2 = settings.mavenRepository();
        if (m2.isPresent() && !Files.isDirectory(m2.get())) {
            LOG.warnf("selfcode.sandbox.maven-repository %s does not exist: offline Maven builds will fail"
                    + " (fill it with %s)", m2.get(), HardenedContainer.IMAGES_SCRIPT);
            return Optional.empty();
        }
        return m2;
    }

    private static Evaluation failed(String message) {
        return new Evaluation(Status.SANDBOX_ERROR, 0, 0, 0, 0, 0, Optional.empty(), Map.of(), 0, 0, 0, Map.of(),
                "[selfcode] " + message + "\n", List.of(), message);
    }

    private static String resource(String name) {
        return Resources.text(Sandbox.class, name);
    }
}
