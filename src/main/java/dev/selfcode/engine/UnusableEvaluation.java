package dev.selfcode.engine;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.sandbox.Evaluation;

/**
 * The evaluate stage could not use a measurement, of the base or of the candidate, and why.
 *
 * <p>
 * <b>Whose fault, written down once.</b> A base that cannot be measured is not a verdict on the patch: its outcome is
 * {@link PatchOutcome.Status#BASE_UNMEASURABLE}, and its kind says whether the user can fix it by changing what they
 * gave (exit 2) or not (exit 1):
 * <ul>
 * <li>{@link FailureKind#BAD_INPUT} (exit 2): the user's input is at fault. The base's tests ran no test; a command
 * named in {@code .github/selfcode.yml} does not exist in the image (exit 127). (An invalid repo config, no tests
 * found and a refused runner such as Gradle are refused earlier, at checkout, also as bad input.)</li>
 * <li>{@link FailureKind#TRANSIENT} (exit 1, retried): the sandbox itself failed (Docker, the image). This says
 * nothing about the base, so the job simply failed ({@link PatchOutcome.Status#FAILED}).</li>
 * <li>{@link FailureKind#UNMEASURABLE} (exit 1): everything else: a time-out, the memory limit, dependencies that
 * could not be installed, base tests that do not build, reports that disagree, a command Selfcode inferred that is
 * not installed.</li>
 * </ul>
 * A candidate that cannot be measured is rejected ({@link FailureKind#REJECTED}, exit 3), except when the cause is
 * not the candidate's: a sandbox failure (transient) or dependencies that could not be installed (unmeasurable).
 */
public final class UnusableEvaluation extends StageFailure {

    public static final String BASE_PREFIX = "the base branch does not pass its own checks: ";
    public static final String CANDIDATE_PREFIX = "the candidate does not pass the checks: ";
    static final String SANDBOX_PREFIX = "the sandbox failed while measuring the %s: ";

    private final boolean base;
    private final transient Explanation explanation;
    private final transient Evaluation evaluation;

    private UnusableEvaluation(FailureKind kind, boolean base, Explanation explanation, Evaluation evaluation) {
        super(kind, prefix(base, evaluation) + explanation.cause(), evaluation.logTail(), null);
        this.base = base;
        this.explanation = explanation;
        this.evaluation = evaluation;
    }

    /** The base commit's checks could not be measured. */
    public static UnusableEvaluation ofBase(Evaluation e, RepoConfig config, int outputLimit) {
        return new UnusableEvaluation(baseKind(e, config), true, Explanation.of(e, config, true, outputLimit), e);
    }

    /** The candidate's checks could not be measured. */
    public static UnusableEvaluation ofCandidate(Evaluation e, RepoConfig config, int outputLimit) {
        FailureKind kind = switch (e.status()) {
            case SANDBOX_ERROR -> FailureKind.TRANSIENT;
            case DEPS_FAILED -> FailureKind.UNMEASURABLE;
            default -> FailureKind.REJECTED;
        };
        return new UnusableEvaluation(kind, false, Explanation.of(e, config, false, outputLimit), e);
    }

    private static String prefix(boolean base, Evaluation e) {
        if (e.status() == Evaluation.Status.SANDBOX_ERROR) {
            return String.format(SANDBOX_PREFIX, base ? "base" : "candidate");
        }
        return base ? BASE_PREFIX : CANDIDATE_PREFIX;
    }

    /** The rule above, for a base. */
    static FailureKind baseKind(Evaluation e, RepoConfig config) {
        if (e.status() == Evaluation.Status.SANDBOX_ERROR) {
            return FailureKind.TRANSIENT;
        }
        // Checked before "no tests": a runner counted by exit code that is not installed also counts no test.
        if (e.exitCodes().containsValue(127)) {
            return config.inferred() ? FailureKind.UNMEASURABLE : FailureKind.BAD_INPUT;
        }
        return e.status() == Evaluation.Status.NO_TESTS ? FailureKind.BAD_INPUT : FailureKind.UNMEASURABLE;
    }

    /** True for the base, false for the candidate. */
    public boolean base() {
        return base;
    }

    public Explanation explanation() {
        return explanation;
    }

    /** The measurement that could not be used (its partial numbers, exit codes and log tail). */
    public Evaluation evaluation() {
        return evaluation;
    }
}
