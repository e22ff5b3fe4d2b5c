package dev.selfcode.testing;

import java.time.Instant;

/**
 * A reaction held by {@link FakeGitHub}, on a comment ({@code commentId > 0}) or on an issue or pull request
 * ({@code commentId == 0}, {@code issueNumber > 0}).
 */
public record FakeReaction(long id, String repo, long commentId, int issueNumber, String content, String user,
        Instant createdAt) {

    boolean onComment(long id) {
        return commentId == id;
    }

    boolean onIssue(int number) {
        return commentId == 0 && issueNumber == number;
    }
}
