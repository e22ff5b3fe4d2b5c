package dev.selfcode.engine;

import java.util.Map;
import java.util.Optional;

import dev.selfcode.failure.FailureKind;

/**
 * How a patch job ended.
 *
 * @param patchId     the recorded attempt (0 when nothing could be recorded)
 * @param status      kept, reverted, bad input or failed
 * @param decision    the table and reasons (empty rows when no numbers were reached)
 * @param message     one line for the user
 * @param branch      the kept branch
 * @param headSha     the kept commit
 * @param published   what publishing made visible (branch pushed, PR URL), empty otherwise
 * @param failedStage the stage that failed, if one did
 * @param failureKind how that failure was classified (decides retries), if one did
 * @param timings     milliseconds per stage that ran
 */
public record PatchOutcome(long patchId, Status status, Decision decision, String message, Optional<String> branch,
        Optional<String> headSha, Optional<String> published, Optional<Stage> failedStage, Optional<FailureKind> failureKind,
        Map<Stage, Long> timings) {

    /** The four ends of a job, each with its CLI exit code. */
    public enum Status {

        KEPT(0), REVERTED(3), BAD_INPUT(2), FAILED(1);

        public final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    public static Status statusOf(FailureKind kind) {
        return switch (kind) {
            case BAD_INPUT -> Status.BAD_INPUT;
            case REJECTED -> Status.REVERTED;
            case TRANSIENT, INTERNAL -> Status.FAILED;
        };
    }
}
