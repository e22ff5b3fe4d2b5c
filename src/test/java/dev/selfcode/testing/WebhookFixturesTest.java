package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.ReactionContent;

/** Real webhook payloads load, patch, sign, and parse in github-api, and agree with the fake GitHub. */
class WebhookFixturesTest {

    @Test
    void signsLikeGitHubDocuments() {
        assertThat(WebhookPayload.signature("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void patchesAnIssueCommentPayloadThatGithubApiThenReads() throws IOException {
        WebhookPayload payload = WebhookFixtures.payload("issue_comment", "created").repository("octo/demo")
                .installation(77).sender("alice").commentBody("/selfcode add a slugify helper")
                .set("/issue/number", 5).deliveryId("delivery-1");
        String body = payload.body();
        assertThat(body.contains("Codertocat/Hello-World")).as("the old repository name is gone").isFalse();
        assertThat(body).contains("\"ssh_url\":\"git@github.com:octo/demo.git\"");
        assertThat(payload.headers("s3cret")).containsEntry("X-GitHub-Event", "issue_comment")
                .containsEntry("X-GitHub-Delivery", "delivery-1")
                .containsEntry("X-Hub-Signature-256",
                        WebhookPayload.signature("s3cret", body.getBytes(StandardCharsets.UTF_8)));

        GHEventPayload.IssueComment parsed = GitHub.offline().parseEventPayload(new StringReader(body),
                GHEventPayload.IssueComment.class);
        assertThat(parsed.getAction()).isEqualTo("created");
        assertThat(parsed.getRepository().getFullName()).isEqualTo("octo/demo");
        assertThat(parsed.getRepository().getOwnerName()).isEqualTo("octo");
        assertThat(parsed.getInstallation().getId()).isEqualTo(77);
        assertThat(parsed.getSender().getLogin()).isEqualTo("alice");
        assertThat(parsed.getComment().getBody()).isEqualTo("/selfcode add a slugify helper");
        assertThat(parsed.getIssue().getNumber()).isEqualTo(5);
        assertThat(parsed.getIssue().getUrl().toString()).contains("/repos/octo/demo/issues/");
    }

    @Test
    void listsEventsAndActionsAndNamesWhatExistsWhenAskedForSomethingElse() {
        assertThat(WebhookFixtures.events()).contains("issue_comment", "issues", "pull_request", "installation", "push");
        assertThat(WebhookFixtures.actions("pull_request")).contains("opened", "closed", "synchronize");
        assertThat(WebhookFixtures.count("push", null)).isPositive();
        assertThatThrownBy(() -> WebhookFixtures.payload("issue_comment", "exploded"))
                .hasMessageContaining("created");
        assertThatThrownBy(() -> WebhookFixtures.payload("no_such_event", null)).hasMessageContaining("issue_comment");
    }

    @Test
    void aPayloadMadeForTheFakeLetsGithubApiActOnTheFakesObjects() throws IOException {
        try (FakeGitHub fake = FakeGitHub.start()) {
            fake.createRepo("octo/demo", Map.of("README.md", "# demo\n"));
            int number = fake.createIssue("octo/demo", "Add a helper", "", "alice");
            FakeComment command = fake.addComment("octo/demo", number, "/selfcode add slugify", "alice");
            WebhookPayload payload = WebhookFixtures.payload("issue_comment", "created").forFake(fake, "octo/demo")
                    .set("/issue", fake.json().issue("octo/demo", number))
                    .set("/comment", fake.json().comment("octo/demo", command.id()))
                    .set("/sender", fake.json().user("alice"));
            assertThat(payload.body().contains("https://api.github.com")).as("no URL of the real GitHub").isFalse();

            GitHub client = new GitHubBuilder().withEndpoint(fake.url())
                    .withAppInstallationToken(fake.installationToken("octo")).build();
            GHEventPayload.IssueComment event = client.parseEventPayload(new StringReader(payload.body()),
                    GHEventPayload.IssueComment.class);
            assertThat(event.getInstallation().getId()).isEqualTo(fake.installationId("octo"));
            event.getComment().createReaction(ReactionContent.ROCKET);
            event.getIssue().comment("On it");
            assertThat(event.getRepository().getFileContent("README.md").getContent()).isEqualTo("# demo\n");

            assertThat(fake.reactions("octo/demo")).extracting(FakeReaction::commentId).containsExactly(command.id());
            assertThat(fake.comments("octo/demo", number)).extracting(FakeComment::body)
                    .containsExactly("/selfcode add slugify", "On it");
            fake.assertNoUnexpectedRequests();
        }
    }
}
