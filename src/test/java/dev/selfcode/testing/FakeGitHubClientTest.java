package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHApp;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRef;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.ReactionContent;

/** Drives the fake GitHub through the real github-api client, as quarkus-github-app uses it. */
class FakeGitHubClientTest {

    private static final String REPO = "octo/demo";
    private static FakeGitHub fake;
    private static String baseSha;
    private static GitHub github;

    @BeforeAll
    static void start() throws IOException {
        fake = FakeGitHub.start();
        baseSha = fake.createRepo(REPO, Map.of("README.md", "# demo\n", ".github/selfcode.yml", "threshold: 0.25\n",
                "src/app.py", "print('hi')\n"));
        fake.setPermission(REPO, "alice", "write");
        fake.setPermission(REPO, "bob", "triage");
        github = new GitHubBuilder().withEndpoint(fake.url()).withAppInstallationToken(fake.installationToken("octo"))
                .build();
    }

    @AfterAll
    static void stop() {
        try {
            fake.assertNoUnexpectedRequests();
        } finally {
            fake.close();
        }
    }

    @Test
    void appGetsAnInstallationTokenWithItsJwtAndTheTokenReadsTheRepository() throws IOException {
        GitHub app = new GitHubBuilder().withEndpoint(fake.url()).withJwtToken(fake.appJwt()).build();
        GHApp me = app.getApp();
        assertThat(me.getId()).isEqualTo(fake.appId());
        assertThat(me.getSlug()).isEqualTo("selfcode");
        GHAppInstallation installation = me.getInstallationById(fake.installationId("octo"));
        assertThat(installation.getAccount().getLogin()).isEqualTo("octo");
        assertThat(me.getInstallationByRepository("octo", "demo").getId()).isEqualTo(installation.getId());
        GHAppInstallationToken token = installation.createToken().create();
        assertThat(token.getToken()).startsWith("ghs_");
        assertThat(token.getExpiresAt()).isInTheFuture();

        GitHub client = new GitHubBuilder().withEndpoint(fake.url()).withAppInstallationToken(token.getToken()).build();
        assertThat(client.getRateLimit().getCore().getRemaining()).isPositive();
        GHRepository repo = client.getRepository(REPO);
        assertThat(repo.getFullName()).isEqualTo(REPO);
        assertThat(repo.getDefaultBranch()).isEqualTo("main");
        assertThat(repo.getHttpTransportUrl()).isEqualTo(fake.gitUrl(REPO));
    }

    @Test
    void refusesForgedJwtsUnknownTokensAndRepositoriesOfOtherInstallations() throws IOException {
        String forged = fake.appJwt().replaceAll(".$", "A").replaceAll("\\.[^.]+\\.", ".eyJpc3MiOiIxIn0.");
        GitHub badApp = new GitHubBuilder().withEndpoint(fake.url()).withJwtToken(forged).build();
        assertThatThrownBy(badApp::getApp).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.getResponseCode()).isEqualTo(401));

        GitHub badToken = new GitHubBuilder().withEndpoint(fake.url()).withAppInstallationToken("ghs_made_up").build();
        assertThatThrownBy(() -> badToken.getRepository(REPO)).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.getResponseCode()).isEqualTo(401));

        fake.createRepo("other/secret", Map.of("a.txt", "a"));
        assertThatThrownBy(() -> github.getRepository("other/secret")).isInstanceOf(GHFileNotFoundException.class);
    }

    @Test
    void commentsReactsAndEditsTheComment() throws IOException {
        int number = fake.createIssue(REPO, "Add a helper", "please", "alice");
        fake.addComment(REPO, number, "/selfcode add a slugify helper", "alice");
        GHIssue issue = github.getRepository(REPO).getIssue(number);
        assertThat(issue.getTitle()).isEqualTo("Add a helper");
        assertThat(issue.getUser().getLogin()).isEqualTo("alice");

        GHIssueComment command = issue.getComments().get(0);
        command.createReaction(ReactionContent.ROCKET);
        issue.createReaction(ReactionContent.EYES);
        GHIssueComment progress = issue.comment("Working on it");
        progress.update("Done: opened a pull request");

        assertThat(fake.comments(REPO, number)).extracting(FakeComment::body, FakeComment::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/selfcode add a slugify helper", "alice"),
                org.assertj.core.groups.Tuple.tuple("Done: opened a pull request", "selfcode[bot]"));
        assertThat(fake.reactions(REPO)).extracting(FakeReaction::content, FakeReaction::commentId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("rocket", command.getId()),
                        org.assertj.core.groups.Tuple.tuple("eyes", 0L));
        assertThat(command.listReactions().toList()).extracting(r -> r.getContent()).containsExactly(ReactionContent.ROCKET);
        assertThat(github.getRepository(REPO).getIssue(number).getCommentsCount()).isEqualTo(2);
    }

    @Test
    void createsMovesAndDeletesRefs() throws IOException {
        GHRepository repo = github.getRepository(REPO);
        GHRef main = repo.getRef("heads/main");
        assertThat(main.getObject().getSha()).isEqualTo(baseSha);

        GHRef feature = repo.createRef("refs/heads/refs-test", baseSha);
        assertThat(fake.branchSha(REPO, "refs-test")).contains(baseSha);
        assertThatThrownBy(() -> repo.createRef("refs/heads/refs-test", baseSha)).isInstanceOf(HttpException.class)
                .hasMessageContaining("Reference already exists");

        String next = fake.commit(REPO, "scratch", Map.of("x.txt", "x"), "x");
        feature.updateTo(next);
        assertThat(repo.getRef("refs/heads/refs-test").getObject().getSha()).isEqualTo(next);
        assertThatThrownBy(() -> feature.updateTo(baseSha)).isInstanceOf(HttpException.class)
                .hasMessageContaining("not a fast forward");
        feature.updateTo(baseSha, true);
        assertThat(fake.branchSha(REPO, "refs-test")).contains(baseSha);

        feature.delete();
        assertThat(fake.branchSha(REPO, "refs-test")).isEmpty();
        assertThatThrownBy(() -> repo.getRef("heads/refs-test")).isInstanceOf(GHFileNotFoundException.class);
    }

    @Test
    void opensListsEditsAndMergesAPullRequest() throws IOException {
        String merging = "octo/merging";
        fake.createRepo(merging, Map.of("README.md", "# merging\n"));
        String head = fake.commit(merging, "selfcode/1-slugify", Map.of("src/slug.py", "def slug(s): return s\n"),
                "Add slugify");
        GHRepository repo = github.getRepository(merging);
        GHPullRequest created = repo.createPullRequest("Add slugify", "selfcode/1-slugify", "main", "ROI +3");
        assertThat(created.getHead().getSha()).isEqualTo(head);
        assertThat(created.getBase().getRef()).isEqualTo("main");
        assertThat(created.getUser().getLogin()).isEqualTo("selfcode[bot]");
        assertThatThrownBy(() -> repo.createPullRequest("again", "selfcode/1-slugify", "main", ""))
                .isInstanceOf(HttpException.class).hasMessageContaining("already exists");

        List<GHPullRequest> open = repo.queryPullRequests().head("octo:selfcode/1-slugify").state(GHIssueState.OPEN)
                .list().toList();
        assertThat(open).extracting(GHPullRequest::getNumber).containsExactly(created.getNumber());
        GHPullRequest fetched = repo.getPullRequest(created.getNumber());
        assertThat(fetched.getMergeable()).isTrue();
        fetched.setBody("ROI +4");
        assertThat(fake.pulls(merging)).extracting(FakePull::body).contains("ROI +4");

        fetched.merge("Ship it");
        FakePull merged = fake.pulls(merging).stream().filter(p -> p.number() == created.getNumber()).findFirst().orElseThrow();
        assertThat(merged.merged()).isTrue();
        assertThat(merged.state()).isEqualTo("closed");
        assertThat(fake.branchSha(merging, "main")).contains(merged.mergeCommitSha());
        assertThat(fake.readFile(merging, "main", "src/slug.py")).isPresent();
        assertThat(repo.getPullRequest(created.getNumber()).isMerged()).isTrue();
        assertThat(repo.queryPullRequests().head("octo:selfcode/1-slugify").state(GHIssueState.OPEN).list().toList())
                .isEmpty();
    }

    @Test
    void createsUpdatesAndListsCheckRuns() throws IOException {
        GHRepository repo = github.getRepository(REPO);
        GHCheckRun run = repo.createCheckRun("selfcode", baseSha).withStatus(GHCheckRun.Status.IN_PROGRESS)
                .withExternalID("job-1").create();
        assertThat(run.getStatus()).isEqualTo(GHCheckRun.Status.IN_PROGRESS);
        assertThat(run.getApp().getSlug()).isEqualTo("selfcode");

        GHCheckRun done = run.update().withStatus(GHCheckRun.Status.COMPLETED)
                .withConclusion(GHCheckRun.Conclusion.SUCCESS)
                .add(new GHCheckRunBuilder.Output("Kept", "roi 12.5 -> 13.0").withText("| metric |")).create();
        assertThat(done.getConclusion()).isEqualTo(GHCheckRun.Conclusion.SUCCESS);
        assertThat(done.getCompletedAt()).isNotNull();

        List<GHCheckRun> onMain = repo.getCheckRuns("main").toList();
        assertThat(onMain).extracting(GHCheckRun::getId).containsExactly(run.getId());
        assertThat(onMain.get(0).getOutput().getSummary()).isEqualTo("roi 12.5 -> 13.0");
        assertThat(fake.checkRuns(REPO)).extracting(FakeCheckRun::externalId, FakeCheckRun::conclusion)
                .contains(org.assertj.core.groups.Tuple.tuple("job-1", "success"));
        assertThatThrownBy(() -> repo.createCheckRun("selfcode", "0".repeat(40)).create())
                .isInstanceOf(HttpException.class).hasMessageContaining("No commit found");
    }

    @Test
    void readsPermissionsAndContents() throws IOException {
        GHRepository repo = github.getRepository(REPO);
        assertThat(repo.getPermission("octo")).isEqualTo(GHPermissionType.ADMIN);
        assertThat(repo.getPermission("alice")).isEqualTo(GHPermissionType.WRITE);
        assertThat(repo.getPermission("bob")).isEqualTo(GHPermissionType.READ);
        assertThat(repo.getPermission("mallory")).isEqualTo(GHPermissionType.NONE);

        assertThat(repo.getFileContent(".github/selfcode.yml").getContent()).isEqualTo("threshold: 0.25\n");
        assertThat(repo.getFileContent("README.md", baseSha).getContent()).isEqualTo("# demo\n");
        assertThatThrownBy(() -> repo.getFileContent(".github/missing.yml"))
                .isInstanceOf(GHFileNotFoundException.class);
        assertThat(repo.getDirectoryContent("src")).extracting(c -> c.getName()).contains("app.py");
    }

    @Test
    void injectedFailuresAnswerOnceThenTheRouteWorksAgain() throws IOException {
        int number = fake.createIssue(REPO, "flaky", "", "alice");
        fake.failNext("POST", "/repos/octo/demo/issues/" + number + "/comments", 1, 502);
        GHIssue issue = github.getRepository(REPO).getIssue(number);
        assertThatThrownBy(() -> issue.comment("first")).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.getResponseCode()).isEqualTo(502));
        issue.comment("second");
        assertThat(fake.comments(REPO, number)).extracting(FakeComment::body).containsExactly("second");
        assertThat(fake.requests()).anyMatch(r -> r.injected() && r.status() == 502);
    }
}
