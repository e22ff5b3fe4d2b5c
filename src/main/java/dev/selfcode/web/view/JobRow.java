package dev.selfcode.web.view;

import java.time.Instant;

/**
 * One job of the queue.
 *
 * @param nextRun   when a QUEUED job runs next (its backoff), null otherwise
 * @param lastError the last attempt's error, redacted of secrets
 * @param result    what the handler reported, redacted
 * @param patchId   the patch attempt it made, when any
 */
public record JobRow(long id, String kind, String repo, String status, int attempts, int maxAttempts,
        Instant nextRun, String lastError, String result, Long patchId, Integer issueNumber, Integer prNumber,
        Instant createdAt, Instant updatedAt) {
}
