package dev.selfcode.job;

import java.time.Instant;

import dev.selfcode.text.Limits;

/**
 * What a producer (webhook listener, CLI, sweep) asks the queue to do. {@code sourceKey} makes it idempotent:
 * a GitHub delivery id, or repo + trigger + time slot.
 *
 * @param maxAttempts attempts before the job is FAILED; 0 means the server default
 * @param runAfter earliest start; null means now
 */
public record NewJob(String sourceKey, String kind, String repo, Long installationId, Integer issueNumber,
        Integer prNumber, String payload, int maxAttempts, Instant runAfter) {

    public static final int MAX_KEY = Limits.INDEXED_CHARS;
    static final int MAX_KIND = 32;
    static final int MAX_REPO = Limits.INDEXED_CHARS;
    /** Payloads are small JSON requests, not whole webhook bodies. */
    static final int MAX_PAYLOAD = 1 << 20;

    public NewJob {
        sourceKey = require(sourceKey, "sourceKey", MAX_KEY);
        kind = require(kind, "kind", MAX_KIND);
        repo = require(repo, "repo", MAX_REPO);
        payload = payload == null ? "" : payload;
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("job payload has " + payload.length() + " characters; at most "
                    + MAX_PAYLOAD + " are accepted");
        }
        if (maxAttempts < 0 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 0 (default) or 1..100, was " + maxAttempts);
        }
    }

    /** A job with the server's default attempts, runnable now. */
    public static NewJob of(String sourceKey, String kind, String repo, String payload) {
        return new NewJob(sourceKey, kind, repo, null, null, null, payload, 0, null);
    }

    public NewJob withIssue(Long installationId, Integer issueNumber) {
        return new NewJob(sourceKey, kind, repo, installationId, issueNumber, prNumber, payload, maxAttempts,
                runAfter);
    }

    public NewJob withPullRequest(Integer prNumber) {
        return new NewJob(sourceKey, kind, repo, installationId, issueNumber, prNumber, payload, maxAttempts,
                runAfter);
    }

    public NewJob withMaxAttempts(int maxAttempts) {
        return new NewJob(sourceKey, kind, repo, installationId, issueNumber, prNumber, payload, maxAttempts,
                runAfter);
    }

    public NewJob withRunAfter(Instant runAfter) {
        return new NewJob(sourceKey, kind, repo, installationId, issueNumber, prNumber, payload, maxAttempts,
                runAfter);
    }

    private static String require(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job " + name + " is missing");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException("job " + name + " is longer than " + max + " characters");
        }
        return value;
    }
}
