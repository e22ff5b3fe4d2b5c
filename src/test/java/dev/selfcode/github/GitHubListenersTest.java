package dev.selfcode.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHubBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.engine.CommitAuthor;
import dev.selfcode.job.Job;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testing.WebhookPayload;

/** The webhook listeners against the fake GitHub over HTTP and a real MariaDB: they validate, queue and answer. */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class GitHubListenersTest {

    static final Map<String, String> FILES = Map.of("calc.py", "def add(a, b):\n    return a + b\n",
            "test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n");
    private static final AtomicInteger REPOS = new AtomicInteger();

    @Inject
    EntityManager em;

    @InjectFakeGitHub
    FakeGitHub fake;

    @Inject
    ReplayLostDeliveries replay;

    String newRepo(Map<String, String> files) {
        String name = "octo/listen-" + REPOS.incrementAndGet();
        fake.createRepo(name, files);
        fake.setPermission(name, "maintainer", "write");
        return name;
    }

    static long jobs(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> Job.count("repo", repo));
    }

    @Test
    void aUserWithoutWritePermissionGetsOnePoliteReplyAndNoJob() {
        String repo = newRepo(FILES);
        fake.setPermission(repo, "visitor", "read");
        int issue = fake.createIssue(repo, "Add a helper", "", "visitor");
        FakeComment comment = fake.addComment(repo, issue, "/selfcode add a multiply helper", "visitor");

        Webhooks.post(Webhooks.issueComment(fake, comment, false))
                .then().statusCode(200);

        List<FakeComment> replies = fake.comments(repo, issue).stream().filter(c -> c.id() != comment.id()).toList();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).body()).contains("@visitor").contains("write access");
        assertThat(jobs(repo)).isZero();
        assertThat(fake.reactions(repo)).isEmpty();
    }

    @Test
    void theSameDeliveryTwiceMakesOneJob() {
        String repo = newRepo(FILES);
        int issue = fake.createIssue(repo, "Add a helper", "", "maintainer");
        FakeComment comment = fake.addComment(repo, issue,
                "/selfcode --file calc.py --threshold 0.25 add a multiply helper\nIt multiplies two numbers.", "maintainer");
        WebhookPayload delivered = Webhooks.issueComment(fake, comment, false);
        String delivery = delivered.deliveryId();

        Webhooks.post(delivered).then().statusCode(200);
        Webhooks.post(delivered).then().statusCode(200);

        assertThat(jobs(repo)).isEqualTo(1);
        Job job = QuarkusTransaction.requiringNew().call(() -> Job.findBySourceKey("github:" + delivery).orElseThrow());
        PatchJob payload = PatchJob.fromJson(job.payload);
        assertThat(payload.description()).isEqualTo("add a multiply helper\nIt multiplies two numbers.");
        assertThat(payload.file()).isEqualTo("calc.py");
        assertThat(payload.threshold().value()).isEqualTo(0.25);
        assertThat(payload.link()).isEqualTo("Closes #" + issue);
        assertThat(job.issueNumber).isEqualTo(issue);
        assertThat(job.installationId).isEqualTo(fake.installationId("octo"));
        assertThat(fake.reactions(repo)).hasSize(1).allMatch(r -> r.content().equals("eyes"));
        long persisted = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM delivery WHERE delivery_id = ?1").setParameter(1, delivery)
                .getSingleResult()).longValue());
        assertThat(persisted).isEqualTo(1);
    }

    @Test
    void aCommandDeliveryThatNeverBecameAJobIsReplayedOnce() {
        String repo = newRepo(FILES);
        int issue = fake.createIssue(repo, "Add a helper", "", "maintainer");
        FakeComment comment = fake.addComment(repo, issue, "/selfcode --file calc.py add a helper", "maintainer");
        WebhookPayload lost = Webhooks.issueComment(fake, comment, false);
        // The server stored and acknowledged the delivery, then died before its listener queued the job. Earlier
        // tests' deliveries go first, so this one is the only one waiting and the count below is exact.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM delivery").executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO delivery (delivery_id, event,"
                + " received_at, payload) VALUES (?1, 'issue_comment.created', ?2, ?3)").setParameter(1, lost.deliveryId())
                .setParameter(2, Instant.now().minusSeconds(600)).setParameter(3, lost.body()).executeUpdate());

        assertThat(replay.replay()).isEqualTo(1);
        assertThat(replay.replay()).isZero();

        assertThat(QuarkusTransaction.requiringNew().call(() -> Job.findBySourceKey("github:" + lost.deliveryId())))
                .isPresent();
        assertThat(jobs(repo)).isEqualTo(1);
        assertThat(fake.reactions(repo)).hasSize(1);
    }

    @Test
    void onlyCommandDeliveriesKeepTheirBody() {
        String repo = newRepo(FILES);
        int issue = fake.createIssue(repo, "Chat", "", "maintainer");
        FakeComment chat = fake.addComment(repo, issue, "Thanks, looks good!", "maintainer");
        WebhookPayload plain = Webhooks.issueComment(fake, chat, false);
        Webhooks.post(plain).then().statusCode(200);

        long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM delivery WHERE delivery_id = ?1 AND payload IS NULL")
                .setParameter(1, plain.deliveryId()).getSingleResult()).longValue());
        assertThat(stored).isEqualTo(1);
        assertThat(jobs(repo)).isZero();
        assertThat(fake.comments(repo, issue)).hasSize(1);
    }

    @Test
    void aMalformedRepoConfigGetsACommentNamingTheLineAndNoJob() {
        String repo = newRepo(Map.of("calc.py", "x = 1\n", ".github/selfcode.yml",
                "image: python:3.12\nthreshold: -3\ntest: pytest\n"));
        int issue = fake.createIssue(repo, "Add a helper", "", "maintainer");
        FakeComment comment = fake.addComment(repo, issue, "/selfcode add a helper", "maintainer");

        Webhooks.post(Webhooks.issueComment(fake, comment, false))
                .then().statusCode(200);

        List<FakeComment> replies = fake.comments(repo, issue).stream().filter(c -> c.id() != comment.id()).toList();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).body()).contains(".github/selfcode.yml line 2").contains("threshold must be");
        assertThat(jobs(repo)).isZero();
    }

    @Test
    void helpAnswersWithUsageAndNoJob() {
        String repo = newRepo(FILES);
        int issue = fake.createIssue(repo, "How?", "", "maintainer");
        FakeComment comment = fake.addComment(repo, issue, "/selfcode help", "maintainer");

        Webhooks.post(Webhooks.issueComment(fake, comment, false))
                .then().statusCode(200);

        List<FakeComment> replies = fake.comments(repo, issue).stream().filter(c -> c.id() != comment.id()).toList();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).body()).contains("--file PATH").contains("--threshold").contains("--after");
        assertThat(jobs(repo)).isZero();
    }

    @Test
    void anUnparsableCommandIsExplained() {
        String repo = newRepo(FILES);
        int issue = fake.createIssue(repo, "Add", "", "maintainer");
        FakeComment comment = fake.addComment(repo, issue, "/selfcode --file", "maintainer");

        Webhooks.post(Webhooks.issueComment(fake, comment, false))
                .then().statusCode(200);

        List<FakeComment> replies = fake.comments(repo, issue).stream().filter(c -> c.id() != comment.id()).toList();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).body()).contains("could not read this command").contains("Usage");
        assertThat(jobs(repo)).isZero();
    }

    @Test
    void theTriggerLabelQueuesAJobWithTitleAndBody() {
        String repo = newRepo(FILES);
        int issue = fake.createIssue(repo, "Add a multiply helper", "It should multiply.", "maintainer");
        WebhookPayload labeled = Webhooks.issueLabeled(fake, repo, issue, "Add a multiply helper",
                "It should multiply.", "selfcode", "maintainer");
        String delivery = labeled.deliveryId();

        Webhooks.post(labeled).then().statusCode(200);
        Webhooks.post(Webhooks.issueLabeled(fake, repo, issue, "Add a multiply helper",
                "It should multiply.", "bug", "maintainer")).then().statusCode(200);

        assertThat(jobs(repo)).isEqualTo(1);
        Job job = QuarkusTransaction.requiringNew().call(() -> Job.findBySourceKey("github:" + delivery).orElseThrow());
        PatchJob payload = PatchJob.fromJson(job.payload);
        assertThat(payload.description()).isEqualTo("Add a multiply helper\n\nIt should multiply.");
        assertThat(payload.trigger()).isEqualTo("label");
        assertThat(payload.file()).isNull();
    }

    @Test
    void closingASelfcodePullRequestRecordsTheOutcome() {
        String repo = "octo/outcome-" + REPOS.incrementAndGet();
        fake.createRepo(repo, FILES);
        long merged = attempt(repo, 41, "selfcode/7-merge-me");
        long closed = attempt(repo, 42, "selfcode/8-close-me");
        long other = attempt(repo, 43, "feature/not-ours");

        Webhooks.post(Webhooks.pullClosed(fake, repo, 41, "selfcode/7-merge-me", true)).then().statusCode(200);
        Webhooks.post(Webhooks.pullClosed(fake, repo, 42, "selfcode/8-close-me", false)).then().statusCode(200);
        Webhooks.post(Webhooks.pullClosed(fake, repo, 43, "feature/not-ours", true)).then().statusCode(200);

        assertThat(outcome(merged)).isEqualTo("merged");
        assertThat(outcome(closed)).isEqualTo("closed");
        assertThat(outcome(other)).isNull();
    }

    @Test
    void aSelfcodeBranchClosedWithoutMergeIsDeletedUnlessItHoldsSomeoneElsesWork() throws IOException {
        String repo = "octo/abandoned-" + REPOS.incrementAndGet();
        fake.createRepo(repo, FILES);
        String name = CommitAuthor.SELFCODE.getName();
        String email = CommitAuthor.SELFCODE.getEmailAddress();
        fake.commit(repo, "selfcode/1-ours", Map.of("a.py", "A = 1\n"), "Add a", name, email);
        fake.commit(repo, "selfcode/2-touched", Map.of("b.py", "B = 1\n"), "Add b", name, email);
        fake.commit(repo, "selfcode/2-touched", Map.of("b.py", "B = 2\n"), "Fix b", "Mona", "mona@example.com");
        fake.commit(repo, "selfcode/3-merged", Map.of("c.py", "C = 1\n"), "Add c", name, email);
        fake.commit(repo, "selfcode/4-forked", Map.of("d.py", "D = 1\n"), "Add d", name, email);
        GHRepository gh = new GitHubBuilder().withEndpoint(fake.url())
                .withAppInstallationToken(fake.installationToken("octo")).build().getRepository(repo);
        int ours = gh.createPullRequest("a", "selfcode/1-ours", "main", "").getNumber();
        int touched = gh.createPullRequest("b", "selfcode/2-touched", "main", "").getNumber();
        int merged = gh.createPullRequest("c", "selfcode/3-merged", "main", "").getNumber();
        int forked = gh.createPullRequest("d", "selfcode/4-forked", "main", "").getNumber();

        Webhooks.post(Webhooks.pullClosed(fake, repo, ours, "selfcode/1-ours", false)).then().statusCode(200);
        Webhooks.post(Webhooks.pullClosed(fake, repo, touched, "selfcode/2-touched", false)).then().statusCode(200);
        Webhooks.post(Webhooks.pullClosed(fake, repo, merged, "selfcode/3-merged", true)).then().statusCode(200);
        Webhooks.post(Webhooks.pullClosed(fake, repo, forked, "someone/fork", "selfcode/4-forked", false)).then()
                .statusCode(200);

        assertThat(fake.branchSha(repo, "selfcode/1-ours")).isEmpty();
        assertThat(fake.branchSha(repo, "selfcode/2-touched")).as("a maintainer's commit is on it").isPresent();
        assertThat(fake.branchSha(repo, "selfcode/3-merged")).as("merged").isPresent();
        assertThat(fake.branchSha(repo, "selfcode/4-forked")).as("the head is a fork's branch").isPresent();
        assertThat(fake.branchSha(repo, "main")).isPresent();
    }

    @Test
    void installationEventsKeepInstalledReposUpToDate() {
        long installation = fake.installationId("acme");
        Webhooks.post(Webhooks.installationCreated(installation, "acme/one", "acme/two")).then().statusCode(200);
        assertThat(installed()).contains("acme/one", "acme/two");

        Webhooks.post(Webhooks.repositoriesRemoved(installation, "acme/two")).then().statusCode(200);
        assertThat(installed()).contains("acme/one").doesNotContain("acme/two");
    }

    private List<String> installed() {
        @SuppressWarnings("unchecked")
        List<String> repos = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT repo FROM installed_repo WHERE active").getResultList());
        return repos;
    }

    private long attempt(String repo, int pr, String branch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PatchAttempt a = new PatchAttempt();
            a.repo = repo;
            a.filePath = "calc.py";
            a.description = "a helper";
            a.trigger = "comment";
            a.decision = PatchAttempt.KEEP;
            a.branch = branch;
            a.prNumber = pr;
            a.createdAt = Instant.now();
            a.persist();
            return a.id;
        });
    }

    private static String outcome(long id) {
        return QuarkusTransaction.requiringNew().call(() -> PatchAttempt.<PatchAttempt>findById(id).prOutcome);
    }
}
