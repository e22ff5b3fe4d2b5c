package dev.selfcode.testing;

import java.time.Instant;

/** A check run held by {@link FakeGitHub}. */
public record FakeCheckRun(long id, String repo, String name, String headSha, String status, String conclusion,
        String title, String summary, String text, String detailsUrl, String externalId, Instant startedAt,
        Instant completedAt) {
}
