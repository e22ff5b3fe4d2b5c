package dev.selfcode.github;

import static dev.selfcode.github.JobFixtures.GOOD_HELPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.job.Job;
import dev.selfcode.job.JobWorker;
import dev.selfcode.metrics.MetricSample;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.sweep.WatchedMerge;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.FakePull;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testing.WebhookFixtures;
import dev.selfcode.testsupport.AdjustableClock;

/**
 * The rollback watch through the queue, with the fake GitHub over HTTP, the LLM stub and the real Docker sandbox: a
 * kept helper's pull request is merged, then pushes to main each queue a (debounced) measurement. Two samples worse
 * than the steady trend before the merge end in one revert pull request with the evidence, a comment on the merged
 * pull request and the patch recorded as reverted; the same two samples against a noisy history stay inside its
 * prediction interval and revert nothing. The samples before the merge are the patch's own base measurement plus
 * four earlier ones written with its numbers (a history that would otherwise take four more sandbox runs).
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class RollbackWatchJobsTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger REPOS = new AtomicInteger();

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @Inject
    RollbackWatch watch;
    @Inject
    AdjustableClock clock;

    OpenAiStub llm;

    @BeforeEach
    void clean() {
        JobFixtures.clearQueue();
        clock.reset();
        llm = OpenAiStubResource.stub();
        llm.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void twoDegradingSamplesAfterTheMergeOpenOneRevertPullRequest() throws Exception {
        String repo = JobFixtures.newRepo(fake, "octo/watched-" + REPOS.incrementAndGet());
        Merged merged = mergeKeptHelper(repo, new double[]{0, 0, 0, 0});

        push(repo, "test_more.py", "def test_one_more():\n    assert 1 == 2\n");
        push(repo, "test_most.py", "def test_most():\n    assert 1 == 3\n");

        List<Job> rollbacks = jobs(repo, RollbackJobHandler.KIND);
        assertThat(rollbacks).singleElement().satisfies(j -> assertThat(j.status).as(j.lastError)
                .isEqualTo(Job.Status.SUCCEEDED));
        List<FakePull> reverts = fake.pulls(repo).stream()
                .filter(p -> p.head().equals("selfcode/revert-" + merged.patchId)).toList();
        assertThat(reverts).singleElement().satisfies(p -> {
            assertThat(p.base()).isEqualTo("main");
            assertThat(p.body()).contains("This reverts #" + merged.pull)
                    .contains("| sample after merge | roi |").contains("**worse** (")
                    .contains("| branch now (").contains("with the revert");
        });
        assertThat(fake.readFile(repo, "selfcode/revert-" + merged.patchId, "calc.py")).get().asString()
                .doesNotContain("def multiply");
        assertThat(fake.comments(repo, merged.pull)).map(FakeComment::body)
                .anySatisfy(b -> assertThat(b).contains("opened #" + reverts.get(0).number() + " to revert it"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> PatchAttempt.<PatchAttempt>findById(merged.patchId)).prOutcome)
                .isEqualTo(PatchAttempt.ROLLED_BACK);
        assertThat(watch.find(merged.patchId)).get().extracting(w -> w.state).isEqualTo(RollbackWatch.REVERTED);

        push(repo, "test_again.py", "def test_again():\n    assert 1 == 4\n");
        assertThat(jobs(repo, RollbackJobHandler.KIND)).as("one revert per merged patch").hasSize(1);
    }

    @Test
    void theSameSamplesInsideANoisyHistoryRevertNothing() throws Exception {
        String repo = JobFixtures.newRepo(fake, "octo/watched-" + REPOS.incrementAndGet());
        Merged merged = mergeKeptHelper(repo, new double[]{3, 0, 4, 1});

        push(repo, "test_more.py", "def test_one_more():\n    assert 1 == 2\n");
        push(repo, "test_most.py", "def test_most():\n    assert 1 == 3\n");

        assertThat(jobs(repo, RollbackJobHandler.KIND)).isEmpty();
        assertThat(fake.pulls(repo)).noneMatch(p -> p.head().startsWith("selfcode/revert-"));
        WatchedMerge w = watch.find(merged.patchId).orElseThrow();
        assertThat(w.state).isEqualTo(RollbackWatch.WATCHING);
        assertThat(QuarkusTransaction.requiringNew().call(() -> watch.assess(w, 0.5)).checks()).hasSize(2)
                .allSatisfy(c -> assertThat(c.bad()).as("inside the interval: " + c.line()).isFalse());
    }

    private record Merged(long patchId, int pull) {
    }

    /**
     * A kept helper (one real patch job), four earlier samples with its base's numbers plus {@code errorNoise}, its
     * pull request merged on the fake GitHub and the pull_request.closed webhook delivered.
     */
    private Merged mergeKeptHelper(String repo, double[] errorNoise) throws Exception {
        int issue = fake.createIssue(repo, "Multiply", "We need multiplication", "maintainer");
        llm.answer(GOOD_HELPER);
        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
        FakePull pull = fake.pulls(repo).get(0);
        PatchAttempt patch = QuarkusTransaction.requiringNew()
                .call(() -> PatchAttempt.<PatchAttempt>find("repo = ?1", repo).singleResult());
        assertThat(patch.decision).isEqualTo(PatchAttempt.KEEP);
        QuarkusTransaction.requiringNew().run(() -> {
            MetricSample base = MetricSample.<MetricSample>find("repo = ?1", repo).singleResult();
            for (int i = 0; i < errorNoise.length; i++) {
                MetricSample s = new MetricSample();
                s.repo = repo;
                s.sha = String.format("%040d", i);
                s.roi = base.roi;
                s.errors = base.errors + errorNoise[i];
                s.complexity = base.complexity;
                s.sampledAt = base.sampledAt.minus(Duration.ofDays(errorNoise.length - i));
                s.persist();
            }
        });

        GitHub client = new GitHubBuilder().withEndpoint(fake.url())
                .withAppInstallationToken(fake.installationToken("octo")).build();
        GHPullRequest open = client.getRepository(repo).getPullRequest(pull.number());
        open.merge("Merge the multiply helper", null, GHPullRequest.MergeMethod.MERGE);
        FakePull done = fake.pulls(repo).get(0);
        assertThat(done.merged()).isTrue();
        Webhooks.post(Webhooks.pullClosed(fake, repo, pull.number(), pull.head(), true)
                .set("/pull_request/merge_commit_sha", done.mergeCommitSha())
                .set("/pull_request/merged_at", Instant.now().toString())).then().statusCode(200);
        assertThat(watch.find(patch.id)).get().extracting(w -> w.state).isEqualTo(RollbackWatch.WATCHING);
        return new Merged(patch.id, pull.number());
    }

    /**
     * A commit on main and its push webhook; the measurement it queues waits for the end of its 10-minute window,
     * so the clock moves past it and the worker runs what is due (the measurement, then any rollback).
     */
    private void push(String repo, String file, String content) {
        String sha = fake.commit(repo, "main", Map.of(file, content), "Add " + file);
        Webhooks.post(WebhookFixtures.payload("push", null).forFake(fake, repo).set("/ref", "refs/heads/main")
                .set("/after", sha).set("/repository/default_branch", "main")
                .set("/commits", List.of(Map.of("id", sha, "added", List.of(file), "removed", List.of(),
                        "modified", List.of(), "message", "Add " + file))))
                .then().statusCode(200);
        clock.advance(Duration.ofMinutes(11));
        while (worker.runOnce(JOB_TIMEOUT) > 0) {
            // the measurement, then the rollback job it may queue
        }
    }

    private static List<Job> jobs(String repo, String kind) {
        return JobFixtures.jobs(repo).stream().filter(j -> j.kind.equals(kind)).toList();
    }
}
