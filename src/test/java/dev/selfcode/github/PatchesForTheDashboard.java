package dev.selfcode.github;

import java.time.Duration;
import java.time.Instant;

import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.selfcode.job.Job;
import dev.selfcode.job.JobWorker;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakePull;
import dev.selfcode.testing.OpenAiStub;

/**
 * Real patch jobs for the dashboard's tests (other packages): a /selfcode comment webhook, the queue, the engine
 * with the LLM stub and the Docker sandbox, as {@link PatchJobsTest} runs them; then what the page shows is what
 * the engine recorded.
 */
public final class PatchesForTheDashboard {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    private PatchesForTheDashboard() {
    }

    /** A fresh Python repository on the fake GitHub, with "maintainer" allowed to write. */
    public static String repo(FakeGitHub fake, String name) {
        JobFixtures.clearQueue();
        return JobFixtures.newRepo(fake, name);
    }

    /** A helper that breaks nothing: kept, pushed, a pull request opened, which is then merged (webhook included). */
    public static long keptAndMerged(FakeGitHub fake, OpenAiStub llm, JobWorker worker, String repo) throws Exception {
        long id = run(fake, llm, worker, repo, JobFixtures.GOOD_HELPER, "/selfcode --file calc.py add a multiply helper");
        FakePull pull = fake.pulls(repo).stream().filter(p -> p.state().equals("open")).findFirst().orElseThrow();
        GitHub client = new GitHubBuilder().withEndpoint(fake.url())
                .withAppInstallationToken(fake.installationToken(repo.split("/")[0])).build();
        client.getRepository(repo).getPullRequest(pull.number()).merge("Merge the multiply helper", null,
                GHPullRequest.MergeMethod.MERGE);
        FakePull merged = fake.pulls(repo).stream().filter(p -> p.number() == pull.number()).findFirst().orElseThrow();
        Webhooks.post(Webhooks.pullClosed(fake, repo, pull.number(), pull.head(), true)
                .set("/pull_request/merge_commit_sha", merged.mergeCommitSha())
                .set("/pull_request/merged_at", Instant.now().toString())).then().statusCode(200);
        return id;
    }

    /** A helper with two lint findings: errors rise, the patch is reverted with its decision table. */
    public static long reverted(FakeGitHub fake, OpenAiStub llm, JobWorker worker, String repo) {
        return run(fake, llm, worker, repo, JobFixtures.BREAKING_HELPER, "/selfcode --file calc.py add a subtract helper");
    }

    private static long run(FakeGitHub fake, OpenAiStub llm, JobWorker worker, String repo, String answer,
            String command) {
        int issue = fake.createIssue(repo, "Dashboard", "", "maintainer");
        llm.reset();
        llm.answer(answer);
        JobFixtures.command(fake, repo, issue, command, false);
        if (worker.runOnce(JOB_TIMEOUT) != 1) {
            throw new IllegalStateException("the worker ran no job for " + repo);
        }
        Job job = JobFixtures.jobs(repo).get(JobFixtures.jobs(repo).size() - 1);
        if (job.status != Job.Status.SUCCEEDED || job.patchId == null) {
            throw new IllegalStateException("job " + job.id + " ended " + job.status + ": " + job.lastError);
        }
        return QuarkusTransaction.requiringNew().call(() -> PatchAttempt.<PatchAttempt>findById(job.patchId)).id;
    }
}
