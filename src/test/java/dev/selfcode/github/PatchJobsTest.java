package dev.selfcode.github;

import static dev.selfcode.github.JobFixtures.BREAKING_HELPER;
import static dev.selfcode.github.JobFixtures.GOOD_HELPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.job.Job;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.JobWorker;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeCheckRun;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.FakePull;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;

/**
 * Whole patch jobs: a /selfcode comment webhook, the queue, the engine with the LLM stub and the real Docker
 * sandbox, git pushes over HTTP to the fake GitHub, and what the user sees there (PR, comments, check run).
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class PatchJobsTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger REPOS = new AtomicInteger();

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @Inject
    JobQueue queue;
    @Inject
    PatchJobHandler handler;

    OpenAiStub llm;

    @BeforeEach
    void clean() {
        JobFixtures.clearQueue();
        llm = OpenAiStubResource.stub();
        llm.reset();
    }

    String newRepo() {
        return JobFixtures.newRepo(fake, "octo/jobs-" + REPOS.incrementAndGet());
    }

    List<FakeComment> botComments(String repo, int number) {
        return fake.comments(repo, number).stream().filter(c -> !c.user().equals("maintainer")).toList();
    }

    @Test
    void aKeptPatchIsPushedAndOpensOnePullRequestWithTheTable() {
        String repo = newRepo();
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        llm.answer(GOOD_HELPER);

        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);

        Job job = JobFixtures.jobs(repo).get(0);
        assertThat(job.status).as(job.lastError).isEqualTo(Job.Status.SUCCEEDED);
        List<FakePull> pulls = fake.pulls(repo);
        assertThat(pulls).hasSize(1);
        FakePull pull = pulls.get(0);
        assertThat(pull.head()).startsWith("selfcode/" + job.id + "-");
        assertThat(pull.base()).isEqualTo("main");
        assertThat(pull.body()).contains("Closes #" + issue).contains("| metric | base | candidate |")
                .contains("`calc.py` (+").contains("```diff").contains("def multiply")
                .contains(OpenAiStub.MODEL).contains(String.valueOf(OpenAiStub.PROMPT_TOKENS));
        assertThat(fake.readFile(repo, pull.head(), "calc.py")).get().asString().contains("def multiply");
        assertThat(fake.readFile(repo, "main", "calc.py")).get().asString().doesNotContain("multiply");
        PatchAttempt attempt = QuarkusTransaction.requiringNew().call(() -> PatchAttempt.findById(job.patchId));
        assertThat(attempt.prNumber).isEqualTo(pull.number());
        assertThat(attempt.decision).isEqualTo(PatchAttempt.KEEP);
        List<FakeCheckRun> checks = fake.checkRuns(repo);
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).status()).isEqualTo("completed");
        assertThat(checks.get(0).conclusion()).isEqualTo("success");
        assertThat(botComments(repo, issue)).isEmpty();
        assertThat(fake.reactions(repo)).extracting(r -> r.content()).containsExactly("eyes");
    }

    @Test
    void automergeMergesAKeptPatchWhenEveryDeltaIsWithinTheStricterThreshold() {
        String repo = "octo/jobs-" + REPOS.incrementAndGet();
        java.util.Map<String, String> files = new java.util.HashMap<>(JobFixtures.PYTHON_REPO);
        files.put(".github/selfcode.yml", "automerge: 0.4\n");
        fake.createRepo(repo, files);
        fake.setPermission(repo, "maintainer", "write");
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        llm.answer(GOOD_HELPER);

        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        worker.runOnce(JOB_TIMEOUT);

        FakePull pull = fake.pulls(repo).get(0);
        assertThat(pull.merged()).isTrue();
        assertThat(pull.body()).contains("automerge threshold (0.400): Selfcode merges");
        assertThat(fake.readFile(repo, "main", "calc.py")).get().asString().contains("def multiply");
    }

    @Test
    void aRevertedPatchExplainsWhyOnTheIssueAndPushesNothing() {
        String repo = newRepo();
        int issue = fake.createIssue(repo, "Subtract", "", "maintainer");
        llm.answer(BREAKING_HELPER);

        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py make add subtract", false);
        worker.runOnce(JOB_TIMEOUT);

        Job job = JobFixtures.jobs(repo).get(0);
        assertThat(job.status).as(job.lastError).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(fake.pulls(repo)).isEmpty();
        assertThat(fake.pushes()).noneMatch(p -> p.repo().equals(repo));
        List<FakeComment> comments = botComments(repo, issue);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).body()).contains("threw the change away").contains("| errors |")
                .contains("**revert**").contains("Why");
        assertThat(fake.checkRuns(repo)).singleElement().extracting(FakeCheckRun::conclusion).isEqualTo("neutral");
    }

    @Test
    void aRerunOnTheSelfcodePullRequestUpdatesItAndAFailingOneClosesIt() {
        String repo = newRepo();
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        llm.answer(GOOD_HELPER);
        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        worker.runOnce(JOB_TIMEOUT);
        FakePull pull = fake.pulls(repo).get(0);
        String firstHead = fake.branchSha(repo, pull.head()).orElseThrow();

        llm.answer("```python\ndef triple(a):\n    return 3 * a\n```");
        JobFixtures.command(fake, repo, pull.number(), "/selfcode --file calc.py add a triple helper instead", true);
        worker.runOnce(JOB_TIMEOUT);

        assertThat(JobFixtures.jobs(repo)).allMatch(j -> j.status == Job.Status.SUCCEEDED);
        assertThat(fake.pulls(repo)).hasSize(1);
        FakePull updated = fake.pulls(repo).get(0);
        assertThat(updated.state()).isEqualTo("open");
        assertThat(updated.body()).contains("triple").contains("Closes #" + issue);
        assertThat(fake.branchSha(repo, pull.head()).orElseThrow()).isNotEqualTo(firstHead);
        assertThat(fake.readFile(repo, pull.head(), "calc.py")).get().asString().contains("def triple")
                .doesNotContain("multiply");

        llm.answer(BREAKING_HELPER);
        JobFixtures.command(fake, repo, pull.number(), "/selfcode --file calc.py make add subtract", true);
        worker.runOnce(JOB_TIMEOUT);

        FakePull closed = fake.pulls(repo).get(0);
        assertThat(fake.pulls(repo)).hasSize(1);
        assertThat(closed.state()).isEqualTo("closed");
        assertThat(botComments(repo, pull.number())).last().extracting(FakeComment::body).asString()
                .contains("this pull request is closed").contains("**revert**");
    }

    @Test
    void aTransientFailureIsRetriedSilentlyThenReportedWhenAttemptsRunOut() {
        String repo = newRepo();
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        // Every fetch of the repository fails, as when GitHub's git service is down.
        fake.failNext("GET", ".*/" + repo.split("/")[1] + "\\.git/info/refs", 100, 503);

        worker.runOnce(JOB_TIMEOUT);
        Job first = JobFixtures.jobs(repo).get(0);
        assertThat(first.status).isEqualTo(Job.Status.QUEUED);
        assertThat(first.attempts).isEqualTo(1);
        assertThat(first.lastError).contains("TRANSIENT");
        assertThat(botComments(repo, issue)).isEmpty();

        for (int attempt = 2; attempt <= first.maxAttempts; attempt++) {
            JobFixtures.dueNow(first.id);
            worker.runOnce(JOB_TIMEOUT);
        }
        Job last = JobFixtures.jobs(repo).get(0);
        assertThat(last.status).isEqualTo(Job.Status.FAILED);
        List<FakeComment> comments = botComments(repo, issue);
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).body()).contains("could not finish").contains("check out")
                .contains("will not be retried");
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void badInputIsExplainedAndNotRetried() {
        String repo = newRepo();
        int issue = fake.createIssue(repo, "Docs", "", "maintainer");
        JobFixtures.command(fake, repo, issue, "/selfcode --file README.md add a section", false);

        worker.runOnce(JOB_TIMEOUT);

        Job job = JobFixtures.jobs(repo).get(0);
        assertThat(job.status).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(job.result).startsWith("bad input");
        assertThat(botComments(repo, issue)).singleElement().extracting(FakeComment::body).asString()
                .contains("cannot do this request").contains("README.md");
    }

    @Test
    void aJobWhoseWorkerDiedMidPublishIsRerunAndEndsWithOneBranchAndOnePullRequest() throws Exception {
        String repo = newRepo();
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        llm.answer(GOOD_HELPER);
        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);

        // A worker claims the job, publishes (branch pushed, PR opened) and dies before recording the outcome.
        Job claimed = queue.claim("dead-worker", 1).get(0);
        handler.handle(claimed, new JobFixtures.HeldLease(claimed.id, "dead-worker"));
        assertThat(fake.pulls(repo)).hasSize(1);
        assertThat(JobFixtures.jobs(repo).get(0).status).isEqualTo(Job.Status.RUNNING);

        JobFixtures.expireLease(claimed.id);
        llm.answer(GOOD_HELPER);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);

        Job job = JobFixtures.jobs(repo).get(0);
        assertThat(job.status).as(job.lastError).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(job.attempts).isEqualTo(2);
        assertThat(fake.pulls(repo)).hasSize(1);
        String prefix = "refs/heads/selfcode/" + job.id + "-";
        assertThat(fake.pushes().stream().filter(p -> p.repo().equals(repo)).map(p -> p.ref()).distinct())
                .singleElement().asString().startsWith(prefix);
    }
}
