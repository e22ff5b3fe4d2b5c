package dev.selfcode.web.view;

import java.time.Instant;

/**
 * One patch attempt in a list ({@code selfcode history}'s columns and a few more).
 *
 * @param failureStage the stage that failed or rejected it, null when it was decided on its numbers
 * @param tokens       prompt + answer tokens of its model calls, null when no model was asked
 */
public record PatchRow(long id, String repo, String filePath, String description, String trigger, String decision,
        String failureStage, Double roiDelta, Double errorsDelta, Double complexityDelta, Integer prNumber,
        String prOutcome, Integer tokens, Instant createdAt) {
}
