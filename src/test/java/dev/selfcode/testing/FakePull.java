package dev.selfcode.testing;

import java.time.Instant;
import java.util.List;

/**
 * A pull request held by {@link FakeGitHub}. {@code head} and {@code base} are branch names of the same repository;
 * {@code headSha} is the head commit when the pull request was last written (answers use the live branch).
 */
public record FakePull(long id, String repo, int number, String title, String body, String user, String head,
        String base, String headSha, String state, boolean draft, boolean merged, String mergeCommitSha,
        List<String> labels, Instant createdAt, Instant updatedAt, Instant closedAt, Instant mergedAt) {

    public FakePull {
        labels = List.copyOf(labels);
    }

    FakePull withFields(String newTitle, String newBody, String newState, String newBase, Instant now) {
        Instant closed = "closed".equals(newState) ? (closedAt == null ? now : closedAt) : null;
        return new FakePull(id, repo, number, newTitle, newBody, user, head, newBase, headSha, newState, draft, merged,
                mergeCommitSha, labels, createdAt, now, closed, mergedAt);
    }

    FakePull withMerge(String newHeadSha, String mergeSha, Instant now) {
        return new FakePull(id, repo, number, title, body, user, head, base, newHeadSha, "closed", draft, true, mergeSha,
                labels, createdAt, now, now, now);
    }

    FakePull withLabels(List<String> newLabels, Instant now) {
        return new FakePull(id, repo, number, title, body, user, head, base, headSha, state, draft, merged,
                mergeCommitSha, newLabels, createdAt, now, closedAt, mergedAt);
    }
}
