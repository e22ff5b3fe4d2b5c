package dev.selfcode.github;

import static dev.selfcode.github.JobFixtures.BREAKING_HELPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.job.JobWorker;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;

/**
 * The circuit breaker with whole patch jobs: webhook, queue, the engine with the LLM stub and the real Docker sandbox,
 * and what the fake GitHub shows. Rejected patches trip it; an LLM outage in between does not count.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class CircuitBreakerJobsTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final String OVERLOADED = "{\"error\":{\"message\":\"overloaded\"}}";

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;

    OpenAiStub llm;

    @BeforeEach
    void clean() {
        JobFixtures.clearQueue();
        llm = OpenAiStubResource.stub();
        llm.reset();
    }

    List<FakeComment> botComments(String repo, int number) {
        return fake.comments(repo, number).stream().filter(c -> !c.user().equals("maintainer")).toList();
    }

    @Test
    void twoRejectedPatchesAroundAnOutageTripItOnceAndTheNextCommandGetsOneShortReply() {
        String repo = "octo/breaker-jobs-1";
        Map<String, String> files = new HashMap<>(JobFixtures.PYTHON_REPO);
        files.put(".github/selfcode.yml", "lint: flake8 --select=F calc.py\nbreaker: 2\n");
        fake.createRepo(repo, files);
        fake.setPermission(repo, "maintainer", "write");

        int first = fake.createIssue(repo, "Subtract", "", "maintainer");
        llm.answer(BREAKING_HELPER);
        JobFixtures.command(fake, repo, first, "/selfcode --file calc.py add a subtract helper", false);
        worker.runOnce(JOB_TIMEOUT);

        int outage = fake.createIssue(repo, "Divide", "", "maintainer");
        llm.fail(500, OVERLOADED).fail(500, OVERLOADED);
        JobFixtures.command(fake, repo, outage, "/selfcode --file calc.py add a divide helper", false);
        worker.runOnce(JOB_TIMEOUT);
        assertThat(decisions(repo)).containsExactly(PatchAttempt.REVERT, PatchAttempt.FAILED);
        JobFixtures.clearQueue(); // its retry is not this test's business

        int second = fake.createIssue(repo, "Negate", "", "maintainer");
        llm.reset();
        llm.answer(BREAKING_HELPER);
        JobFixtures.command(fake, repo, second, "/selfcode --file calc.py add a negate helper", false);
        worker.runOnce(JOB_TIMEOUT);

        assertThat(decisions(repo)).containsExactly(PatchAttempt.REVERT, PatchAttempt.FAILED, PatchAttempt.REVERT);
        assertThat(botComments(repo, first)).singleElement().extracting(FakeComment::body).asString()
                .contains("threw the change away").doesNotContain("stopped patching");
        List<FakeComment> tripped = botComments(repo, second);
        assertThat(tripped).hasSize(2);
        assertThat(tripped.get(0).body()).contains("threw the change away");
        assertThat(tripped.get(1).body()).contains("Selfcode stopped patching this repository")
                .contains("The last 2 patches in a row were rejected or rolled back").contains("`/selfcode reset`");

        int later = fake.createIssue(repo, "Square", "", "maintainer");
        int llmCalls = llm.requests().size();
        JobFixtures.command(fake, repo, later, "/selfcode --file calc.py add a square helper", false);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isZero();

        assertThat(botComments(repo, later)).singleElement().extracting(FakeComment::body).asString()
                .contains("circuit breaker is open").contains("2 rejected or rolled-back patches in a row");
        assertThat(JobFixtures.jobs(repo)).hasSize(3);
        assertThat(llm.requests()).hasSize(llmCalls);
        // Said once: no further trip comment anywhere.
        assertThat(fake.comments(repo, second).stream().filter(c -> c.body().contains("stopped patching"))).hasSize(1);
    }

    private static List<String> decisions(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> PatchAttempt.<PatchAttempt>list("repo = ?1 order by id", repo)
                .stream().map(a -> a.decision).toList());
    }

}
