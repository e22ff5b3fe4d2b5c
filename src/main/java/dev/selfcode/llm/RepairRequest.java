package dev.selfcode.llm;

import java.util.Optional;

/**
 * A request to repair a candidate that failed its checks: the original request, the candidate as the model wrote it,
 * and what the checks said. {@code output} is what the candidate's run printed: untrusted text, which the prompt caps,
 * redacts, fences and marks as output to diagnose, never as instructions.
 *
 * @param context   the original request (the file, what to build, snippets, notes)
 * @param rewrite   the original chunk rewrite, when the request rewrites a chunk rather than adding a helper
 * @param previous  the failed candidate's code
 * @param reason    why it failed, in Selfcode's words ("2 tests that pass on the base fail: ...")
 * @param output    what the failing step printed (a test run's failures, a build's errors, lint findings)
 * @param failedTry the number of the try that failed (1 for the first candidate)
 * @param maxTries  the most tries this request gets (1 + repair_attempts)
 */
public record RepairRequest(GenerationRequest context, Optional<ChunkRewriteRequest> rewrite, String previous,
        String reason, String output, int failedTry, int maxTries) {
}
