package dev.selfcode.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.job.JobQueue;
import dev.selfcode.job.JobWorker;
import dev.selfcode.job.NewJob;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.sweep.DueSweeps;
import dev.selfcode.sweep.Sweep;
import dev.selfcode.sweep.SweepRequest;
import dev.selfcode.sweep.SweepSchedules;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.FakeIssue;
import dev.selfcode.testing.FakePull;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testing.WebhookFixtures;

/**
 * Sweeps of an installed repository through the queue, with the fake GitHub over HTTP, the LLM stub and the real
 * Docker sandbox: the schedule is read when the app is installed and again when a push changes the config; three
 * measured commits make b.py (failing test, lint finding) the worst module, and the sweep rewrites its function
 * {@code divide} in place into one pull request that the next sweep updates instead of opening another; a rewrite
 * that changes the signature is refused.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class SweepJobsTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger REPOS = new AtomicInteger();
    private static final String CONFIG = "lint: flake8 a.py b.py\nsweep: { cron: \"0 4 * * *\", refactor_worst: true }\n";

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @Inject
    JobQueue queue;
    @Inject
    SweepSchedules schedules;

    OpenAiStub llm;

    @BeforeEach
    void clean() {
        JobFixtures.clearQueue();
        llm = OpenAiStubResource.stub();
        llm.reset();
    }

    private String newRepo() {
        return newRepo(CONFIG);
    }

    private String newRepo(String config) {
        String repo = "octo/swept-" + REPOS.incrementAndGet();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.py", "def add(x, y):\n    return x + y\n");
        files.put("b.py", "import os\n\n\ndef divide(x, y):\n    return x / y\n");
        files.put("test_a.py", "from a import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n");
        files.put("test_b.py", "from b import divide\n\n\ndef test_half():\n    assert divide(4, 2) == 2\n\n\n"
                + "def test_divide_by_zero_is_zero():\n    assert divide(1, 0) == 0\n");
        files.put(".github/selfcode.yml", config);
        fake.createRepo(repo, files);
        return repo;
    }

    private void sweepNow(String repo, String key) {
        queue.enqueue(NewJob.of(key, DueSweeps.KIND, repo, new SweepRequest(null, "manual").toJson())
                .withIssue(fake.installationId("octo"), null));
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
    }

    private List<FakePull> sweepPulls(String repo) {
        return fake.pulls(repo).stream().filter(p -> p.head().equals(Sweep.BRANCH)).toList();
    }

    @Test
    void installingReadsTheScheduleAndAPushThatDropsTheSweepRemovesIt() {
        String repo = newRepo();
        Webhooks.post(Webhooks.installationCreated(fake.installationId("octo"), repo)).then().statusCode(200);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
        assertThat(schedules.find(repo)).hasValueSatisfying(row -> {
            assertThat(row.cron()).isEqualTo("0 4 * * *");
            assertThat(row.timezone()).isEqualTo("UTC");
        });

        String sha = fake.commit(repo, "main", Map.of(".github/selfcode.yml", "lint: flake8 a.py b.py\n"),
                "No more sweeps");
        Webhooks.post(WebhookFixtures.payload("push", null).forFake(fake, repo).set("/ref", "refs/heads/main")
                .set("/after", sha).set("/repository/default_branch", "main")
                .set("/commits", List.of(Map.of("id", sha, "added", List.of(), "removed", List.of(),
                        "modified", List.of(".github/selfcode.yml"), "message", "No more sweeps"))))
                .then().statusCode(200);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
        assertThat(schedules.find(repo)).isEmpty();
    }

    @Test
    void theWorstFunctionIsRewrittenInPlaceIntoOnePullRequestThatTheNextSweepUpdates() {
        String repo = newRepo();
        llm.answer("```python\ndef divide(x, y):\n    \"\"\"Divide, or 0 when y is 0.\"\"\"\n"
                + "    return 0 if y == 0 else x / y\n```");

        sweepNow(repo, "sweep-1-" + repo);
        fake.commit(repo, "main", Map.of("README.md", "# one\n"), "Docs");
        sweepNow(repo, "sweep-2-" + repo);
        fake.commit(repo, "main", Map.of("README.md", "# two\n"), "Docs");
        assertThat(sweepPulls(repo)).as("fewer than 3 samples: nothing refactored yet").isEmpty();
        sweepNow(repo, "sweep-3-" + repo);

        List<FakePull> pulls = sweepPulls(repo);
        assertThat(pulls).hasSize(1);
        assertThat(pulls.get(0).body()).contains("Refactor `divide` in `b.py`");
        assertThat(llm.lastPrompt()).contains("Rewrite the python function `divide` of the file `b.py` (its lines 4 to 5)")
                .contains("def divide(x, y):\n    return x / y").contains("1 failing test(s)");
        assertThat(fake.readFile(repo, Sweep.BRANCH, "b.py").orElseThrow()).as("divide replaced, nothing appended")
                .isEqualTo("import os\n\n\ndef divide(x, y):\n    \"\"\"Divide, or 0 when y is 0.\"\"\"\n"
                        + "    return 0 if y == 0 else x / y\n");

        fake.commit(repo, "main", Map.of("README.md", "# three\n"), "Docs");
        llm.answer("```python\ndef divide(x, y):\n    if y == 0:\n        return 0\n    return x / y\n```");
        sweepNow(repo, "sweep-4-" + repo);
        assertThat(sweepPulls(repo)).as("the sweep PR is updated, not doubled").hasSize(1);
        String updated = "import os\n\n\ndef divide(x, y):\n    if y == 0:\n        return 0\n    return x / y\n";
        assertThat(fake.readFile(repo, Sweep.BRANCH, "b.py").orElseThrow()).isEqualTo(updated);

        llm.answer("```python\ndef divide(x, y, default=0):\n    return default if y == 0 else x / y\n```");
        sweepNow(repo, "sweep-5-" + repo);
        PatchAttempt refused = QuarkusTransaction.requiringNew().call(() -> PatchAttempt
                .<PatchAttempt>find("repo = ?1 order by id desc", repo).firstResult());
        assertThat(refused.decision).as("a rejected candidate").isEqualTo(PatchAttempt.REVERT);
        assertThat(refused.failureStage).isEqualTo("guard");
        assertThat(refused.reasons).contains("the rewrite changes the signature of `divide` from `def divide(x, y)`"
                + " to `def divide(x, y, default=0)`; a refactor must keep it");
        assertThat(sweepPulls(repo)).hasSize(1);
        assertThat(fake.readFile(repo, Sweep.BRANCH, "b.py").orElseThrow()).as("a refused rewrite changes nothing")
                .isEqualTo(updated);
    }

    @Test
    void aSweepThatTripsTheBreakerSaysSoInAnIssueOnce() {
        String repo = newRepo(CONFIG + "breaker: 1\n");
        sweepNow(repo, "trip-1-" + repo);
        fake.commit(repo, "main", Map.of("README.md", "# one\n"), "Docs");
        sweepNow(repo, "trip-2-" + repo);
        fake.commit(repo, "main", Map.of("README.md", "# two\n"), "Docs");
        llm.answer("```python\ndef divide(x, y, default=0):\n    return default if y == 0 else x / y\n```");
        sweepNow(repo, "trip-3-" + repo);

        List<FakeIssue> issues = breakerIssues(repo);
        assertThat(issues).singleElement().satisfies(i -> assertThat(i.body())
                .contains("Selfcode stopped patching this repository").contains("`/selfcode reset`"));

        fake.commit(repo, "main", Map.of("README.md", "# three\n"), "Docs");
        sweepNow(repo, "trip-4-" + repo);
        assertThat(breakerIssues(repo)).as("said once; the next sweep is skipped").hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> PatchAttempt.count("repo = ?1", repo)))
                .as("the sweep after the trip runs no patch").isEqualTo(1);
    }

    private List<FakeIssue> breakerIssues(String repo) {
        List<FakeIssue> found = new java.util.ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            fake.issue(repo, n).filter(i -> i.title().contains("circuit breaker")).ifPresent(found::add);
        }
        return found;
    }
}
