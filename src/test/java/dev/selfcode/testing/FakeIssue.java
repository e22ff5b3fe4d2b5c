package dev.selfcode.testing;

import java.time.Instant;
import java.util.List;

/** An issue held by {@link FakeGitHub} (pull requests are {@link FakePull}; both share one number sequence). */
public record FakeIssue(long id, String repo, int number, String title, String body, String user, String state,
        List<String> labels, Instant createdAt, Instant updatedAt, Instant closedAt) {

    public FakeIssue {
        labels = List.copyOf(labels);
    }

    FakeIssue withLabels(List<String> newLabels, Instant now) {
        return new FakeIssue(id, repo, number, title, body, user, state, newLabels, createdAt, now, closedAt);
    }

    FakeIssue withFields(String newTitle, String newBody, String newState, Instant now) {
        Instant closed = "closed".equals(newState) ? (closedAt == null ? now : closedAt) : null;
        return new FakeIssue(id, repo, number, newTitle, newBody, user, newState, labels, createdAt, now, closed);
    }
}
