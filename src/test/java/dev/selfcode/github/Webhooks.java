package dev.selfcode.github;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.WebhookFixtures;
import dev.selfcode.testing.WebhookPayload;

/** Real webhook payloads (WebhookFixtures) made to agree with the fake GitHub, and posted to the app. */
public final class Webhooks {

    private Webhooks() {
    }

    /** Posts a delivery, signed with the test webhook secret, to the app's webhook route. */
    public static Response post(WebhookPayload payload) {
        return given().headers(payload.headers(FakeGitHubResource.WEBHOOK_SECRET)).body(payload.body()).post("/");
    }

    /** issue_comment.created for a comment the fake already holds, on an issue or on a pull request. */
    public static WebhookPayload issueComment(FakeGitHub fake, FakeComment comment, boolean onPull) {
        return WebhookFixtures.payload("issue_comment", "created").forFake(fake, comment.repo())
                .set("/issue/number", comment.issueNumber())
                .set("/issue/pull_request", onPull
                        ? Map.of("url", fake.url() + "/repos/" + comment.repo() + "/pulls/" + comment.issueNumber())
                        : null)
                .set("/comment/id", comment.id()).commentBody(comment.body())
                .set("/comment/user/login", comment.user()).sender(comment.user());
    }

    /** issues.labeled with {@code label}. */
    static WebhookPayload issueLabeled(FakeGitHub fake, String repo, int number, String title, String text,
            String label, String sender) {
        return WebhookFixtures.payload("issues", "labeled").forFake(fake, repo).set("/issue/number", number)
                .set("/issue/title", title).set("/issue/body", text).set("/issue/pull_request", null)
                .set("/label/name", label).sender(sender);
    }

    /** pull_request.closed for a PR with head {@code branch}. */
    static WebhookPayload pullClosed(FakeGitHub fake, String repo, int number, String branch, boolean merged) {
        return pullClosed(fake, repo, number, repo, branch, merged);
    }

    /** pull_request.closed for a PR whose head {@code branch} lives in {@code headRepo} (a fork, when not repo). */
    static WebhookPayload pullClosed(FakeGitHub fake, String repo, int number, String headRepo, String branch,
            boolean merged) {
        return WebhookFixtures.payload("pull_request", "closed").forFake(fake, repo).set("/number", number)
                .set("/pull_request/number", number).set("/pull_request/head/ref", branch)
                .set("/pull_request/head/repo/full_name", headRepo).set("/pull_request/merged", merged);
    }

    /** installation.created listing {@code repos}. */
    static WebhookPayload installationCreated(long installationId, String... repos) {
        return WebhookFixtures.payload("installation", "created").installation(installationId)
                .set("/repositories", repoList(repos));
    }

    /** installation_repositories.removed of {@code repos}. */
    static WebhookPayload repositoriesRemoved(long installationId, String... repos) {
        return WebhookFixtures.payload("installation_repositories", "removed").installation(installationId)
                .set("/repositories_added", List.of()).set("/repositories_removed", repoList(repos));
    }

    private static List<Map<String, Object>> repoList(String... repos) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String r : repos) {
            list.add(Map.of("id", Math.abs(r.hashCode()), "full_name", r, "name", r.split("/")[1], "private", true,
                    "node_id", "R_" + Math.abs(r.hashCode())));
        }
        return list;
    }
}
