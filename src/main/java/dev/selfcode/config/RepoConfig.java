package dev.selfcode.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A repository's {@code .github/selfcode.yml}, validated. Commands are shell lines run inside the sandbox;
 * an absent optional step is {@code null}.
 *
 * @param image     sandbox image the steps run in
 * @param setup     optional, runs before lint and test
 * @param lint      optional; each output line is one finding
 * @param test      required; writes JUnit XML under {@code $SELFCODE_OUT}
 * @param coverage  optional coverage report path (Cobertura, JaCoCo or LCOV), may use {@code $SELFCODE_OUT}
 * @param metrics   optional command printing a JSON object such as {@code {"roi": 12.5}}
 * @param threshold decision threshold, empty for the server default
 * @param paths     globs where the bot may write; empty means the whole repo minus {@code .github/}
 * @param limits    sandbox limits
 * @param sweep     scheduled sweep settings
 * @param automerge stricter thresholds under which a kept result is merged, empty when off
 * @param inferred  true when no file existed and these values were inferred from the repository
 * @param deps      optional; installs the dependencies in its own phase, the only one with (proxied) network
 * @param counting  how the test step's results are counted
 * @param guardrails the budgets and breaker size the file asks for (the server's defaults and caps apply)
 * @param repairAttempts {@code repair_attempts}: how many more tries the model gets after a candidate fails its build,
 *                   tests or lint ({@link #MIN_REPAIR_ATTEMPTS}..{@link #MAX_REPAIR_ATTEMPTS}, default
 *                   {@link #DEFAULT_REPAIR_ATTEMPTS})
 */
public record RepoConfig(String image, String setup, String lint, String test, String coverage, String metrics,
        Optional<Threshold> threshold, List<String> paths, Limits limits, Sweep sweep, Optional<Threshold> automerge,
        boolean inferred, String deps, Counting counting, Guardrails guardrails, int repairAttempts) {

    public static final int DEFAULT_REPAIR_ATTEMPTS = 2;
    public static final int MIN_REPAIR_ATTEMPTS = 0;
    /** Each repair is one more model call and one more sandbox run: a few are worth it, many are not. */
    public static final int MAX_REPAIR_ATTEMPTS = 5;

    public RepoConfig {
        counting = counting == null ? Counting.REPORTS : counting;
        guardrails = guardrails == null ? Guardrails.SERVER_DEFAULTS : guardrails;
        if (repairAttempts < MIN_REPAIR_ATTEMPTS || repairAttempts > MAX_REPAIR_ATTEMPTS) {
            throw new IllegalArgumentException("repair_attempts must be between " + MIN_REPAIR_ATTEMPTS + " and "
                    + MAX_REPAIR_ATTEMPTS + ", not " + repairAttempts);
        }
    }

    /** A config with the default number of repair attempts. */
    public RepoConfig(String image, String setup, String lint, String test, String coverage, String metrics,
            Optional<Threshold> threshold, List<String> paths, Limits limits, Sweep sweep, Optional<Threshold> automerge,
            boolean inferred, String deps, Counting counting, Guardrails guardrails) {
        this(image, setup, lint, test, coverage, metrics, threshold, paths, limits, sweep, automerge, inferred, deps,
                counting, guardrails, DEFAULT_REPAIR_ATTEMPTS);
    }

    /** The same config with {@code attempts} repair attempts. */
    public RepoConfig withRepairAttempts(int attempts) {
        return new RepoConfig(image, setup, lint, test, coverage, metrics, threshold, paths, limits, sweep, automerge,
                inferred, deps, counting, guardrails, attempts);
    }

    /** A config that leaves every guardrail to the server. */
    public RepoConfig(String image, String setup, String lint, String test, String coverage, String metrics,
            Optional<Threshold> threshold, List<String> paths, Limits limits, Sweep sweep, Optional<Threshold> automerge,
            boolean inferred, String deps, Counting counting) {
        this(image, setup, lint, test, coverage, metrics, threshold, paths, limits, sweep, automerge, inferred, deps,
                counting, Guardrails.SERVER_DEFAULTS);
    }

    /**
     * What the file asks of the guardrails; an empty value means the server's default. Each is at least 1; the
     * server's caps are applied where the limits are enforced (the guardrail package's RepoLimits).
     *
     * @param maxOpenPrs       {@code max_open_prs}: open Selfcode pull requests at a time
     * @param maxPatchesPerDay {@code max_patches_per_day}: patch attempts in any 24 hours
     * @param maxTokensPerDay  {@code max_tokens_per_day}: LLM tokens (prompt + completion) in any 24 hours
     * @param breaker          {@code breaker}: rejected or rolled-back patches in a row that stop Selfcode
     */
    public record Guardrails(OptionalInt maxOpenPrs, OptionalInt maxPatchesPerDay, OptionalLong maxTokensPerDay,
            OptionalInt breaker) {

        public static final Guardrails SERVER_DEFAULTS = new Guardrails(OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.empty(), OptionalInt.empty());
    }

    /** How a test step's results are counted. */
    public enum Counting {
        /** From the reports the runner writes through its report option (JUnit XML, jest JSON, TAP). */
        REPORTS,
        /** The runner writes no report: the step's exit code is the only result (one pass or one failure). */
        EXIT_CODE
    }

    public static final String PATH = ".github/selfcode.yml";

    /** Sandbox limits of one run. */
    public record Limits(double cpus, long memoryBytes, Duration timeout) {
    }

    /**
     * Scheduled sweep settings.
     *
     * @param cron          five-field Unix cron, validated when the config is read
     * @param refactorWorst also refactor the module with the most errors
     * @param timezone      the zone the cron is read in (UTC by default)
     * @param templatePrs   let a sweep without an LLM open pull requests of template code (off: it only reports)
     * @param enabled       false when the file has no {@code sweep:} key: then nothing is scheduled
     */
    public record Sweep(String cron, boolean refactorWorst, String timezone, boolean templatePrs, boolean enabled) {

        public static final String DEFAULT_CRON = "0 3 * * 1";

        /** No sweep configured. */
        public Sweep(String cron, boolean refactorWorst) {
            this(cron, refactorWorst, "UTC", false, false);
        }

        /** The parsed schedule. */
        public SweepCron schedule() {
            return SweepCron.parse(cron, timezone);
        }
    }

    /** This config with {@code setup} as its setup step (a learned one, when the file names none). */
    public RepoConfig withSetup(String setup) {
        return new RepoConfig(image, setup, lint, test, coverage, metrics, threshold, paths, limits, sweep, automerge,
                inferred, deps, counting, guardrails);
    }

    public Optional<String> setupStep() {
        return Optional.ofNullable(setup);
    }

    public Optional<String> lintStep() {
        return Optional.ofNullable(lint);
    }

    public Optional<String> coverageReport() {
        return Optional.ofNullable(coverage);
    }

    public Optional<String> depsStep() {
        return Optional.ofNullable(deps);
    }

    public Optional<String> metricsStep() {
        return Optional.ofNullable(metrics);
    }
}
