package dev.selfcode.engine;

import java.util.Map;
import java.util.Optional;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;

/**
 * How a patch job ended.
 *
 * @param patchId     the recorded attempt (0 when nothing could be recorded)
 * @param status      kept, reverted, bad input, failed, or the base could not be measured
 * @param decision    the table and reasons (empty rows when no numbers were reached)
 * @param message     one line for the user
 * @param branch      the kept branch
 * @param headSha     the kept commit
 * @param published   what publishing made visible (branch pushed, PR URL), empty otherwise
 * @param failedStage the stage that failed, if one did
 * @param failureKind how that failure was classified (decides retries), if one did
 * @param timings     milliseconds per stage that ran
 * @param why         why a measurement could not be used (cause, limit hit, the failing step's lines), if that
 *                    is how the job ended
 * @param generated   the code generated for it, with its token counts, when generation ran
 */
public record PatchOutcome(long patchId, Status status, Decision decision, String message, Optional<String> branch,
        Optional<String> headSha, Optional<String> published, Optional<Stage> failedStage, Optional<FailureKind> failureKind,
        Map<Stage, Long> timings, Optional<Explanation> why, Optional<GeneratedCode> generated) {

    public PatchOutcome(long patchId, Status status, Decision decision, String message, Optional<String> branch,
            Optional<String> headSha, Optional<String> published, Optional<Stage> failedStage,
            Optional<FailureKind> failureKind, Map<Stage, Long> timings) {
        this(patchId, status, decision, message, branch, headSha, published, failedStage, failureKind, timings,
                Optional.empty(), Optional.empty());
    }

    /** An outcome without the generated code (and so without its token counts). */
    public PatchOutcome(long patchId, Status status, Decision decision, String message, Optional<String> branch,
            Optional<String> headSha, Optional<String> published, Optional<Stage> failedStage,
            Optional<FailureKind> failureKind, Map<Stage, Long> timings, Optional<Explanation> why) {
        this(patchId, status, decision, message, branch, headSha, published, failedStage, failureKind, timings, why,
                Optional.empty());
    }

    /** The same outcome, with the code generated for it (its token counts are shown with the decision). */
    public PatchOutcome withGenerated(Optional<GeneratedCode> code) {
        return new PatchOutcome(patchId, status, decision, message, branch, headSha, published, failedStage,
                failureKind, timings, why, code);
    }

    /** The ends of a job, each with its CLI exit code. */
    public enum Status {

        KEPT(0), REVERTED(3), BAD_INPUT(2), FAILED(1),
        /**
         * The base commit's own checks could not be measured, so nothing was compared: not a verdict on the patch.
         * Exit 2 when the user's input is at fault, else 1 (see {@link UnusableEvaluation}).
         */
        BASE_UNMEASURABLE(1);

        public final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** The CLI's exit code: the status's, except an unmeasurable base the user can fix, which is bad input (2). */
    public int exitCode() {
        return status == Status.BASE_UNMEASURABLE && failureKind.orElse(null) == FailureKind.BAD_INPUT
                ? Status.BAD_INPUT.exitCode
                : status.exitCode;
    }

    public static Status statusOf(FailureKind kind) {
        return switch (kind) {
            case BAD_INPUT -> Status.BAD_INPUT;
            case REJECTED -> Status.REVERTED;
            case TRANSIENT, INTERNAL, UNMEASURABLE -> Status.FAILED;
        };
    }

    /**
     * The status a failure ends a job with: a base that could not be measured is its own outcome, unless the sandbox
     * itself failed (that is a failure to retry, and says nothing about the base).
     */
    public static Status statusOf(StageFailure f) {
        return f instanceof UnusableEvaluation u && u.base() && u.kind() != FailureKind.TRANSIENT
                ? Status.BASE_UNMEASURABLE
                : statusOf(f.kind());
    }

    /** How a job ends when {@code stage} failed with {@code f}. */
    public static PatchOutcome failed(long patchId, Stage stage, StageFailure f, Map<Stage, Long> timings) {
        Optional<Explanation> why = f instanceof UnusableEvaluation u ? Optional.of(u.explanation()) : Optional.empty();
        return new PatchOutcome(patchId, statusOf(f), Decision.rejected(f.getMessage()), stage.label + ": "
                + f.getMessage(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(stage),
                Optional.of(f.kind()), timings, why);
    }
}
