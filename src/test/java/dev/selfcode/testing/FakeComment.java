package dev.selfcode.testing;

import java.time.Instant;

/** An issue or pull request comment held by {@link FakeGitHub}. */
public record FakeComment(long id, String repo, int issueNumber, String body, String user, Instant createdAt,
        Instant updatedAt) {

    FakeComment withBody(String newBody, Instant now) {
        return new FakeComment(id, repo, issueNumber, newBody, user, createdAt, now);
    }
}
