package dev.selfcode.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GitHub-shaped JSON of what a {@link FakeGitHub} holds (the same objects its REST answers carry), so that webhook
 * payloads can name the fake's real repository, issue, comment and pull request ids and URLs.
 */
public final class FakeGitHubJson {

    private final FakeState state;

    FakeGitHubJson(FakeState state) {
        this.state = state;
    }

    /** The repository as GET /repos/{owner}/{repo} answers it (for webhook payloads that match the fake). */
    public ObjectNode repository(String fullName) {
        synchronized (state) {
            return RepoJson.repository(state, repo(fullName));
        }
    }

    /** The issue or pull request as GET /repos/{o}/{r}/issues/{number} answers it. */
    public ObjectNode issue(String fullName, int number) {
        synchronized (state) {
            HostedRepo repo = repo(fullName);
            FakeIssue issue = state.issue(fullName, number);
            FakePull pull = state.pull(fullName, number);
            if (issue == null && pull == null) {
                throw new IllegalArgumentException("no issue or pull request #" + number + " in " + fullName);
            }
            return issue != null ? IssueJson.issue(state, repo, issue) : IssueJson.issue(state, repo, pull);
        }
    }

    /** The pull request as GET /repos/{o}/{r}/pulls/{number} answers it. */
    public ObjectNode pull(String fullName, int number) {
        synchronized (state) {
            FakePull pull = state.pull(fullName, number);
            if (pull == null) {
                throw new IllegalArgumentException("no pull request #" + number + " in " + fullName);
            }
            return PullJson.pull(state, repo(fullName), pull);
        }
    }

    /** The comment as GET /repos/{o}/{r}/issues/comments/{id} answers it. */
    public ObjectNode comment(String fullName, long commentId) {
        synchronized (state) {
            FakeComment comment = state.comments.get(commentId);
            if (comment == null || !comment.repo().equals(fullName)) {
                throw new IllegalArgumentException("no comment " + commentId + " in " + fullName);
            }
            return IssueJson.comment(state, repo(fullName), comment);
        }
    }

    /** A user as GitHub renders one (simple-user). */
    public ObjectNode user(String login) {
        synchronized (state) {
            return RepoJson.user(state, login);
        }
    }

    /** The installation as GET /app/installations/{id} answers it. */
    public ObjectNode installation(long installationId) {
        synchronized (state) {
            if (!state.installations.containsKey(installationId)) {
                throw new IllegalArgumentException("no installation " + installationId);
            }
            return AppJson.installation(state, installationId);
        }
    }

    private HostedRepo repo(String fullName) {
        HostedRepo repo = state.repos.get(fullName);
        if (repo == null) {
            throw new IllegalArgumentException("the fake GitHub hosts no " + fullName);
        }
        return repo;
    }
}
