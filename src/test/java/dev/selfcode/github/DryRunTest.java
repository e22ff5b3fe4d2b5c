package dev.selfcode.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.selfcode.job.Job;
import dev.selfcode.job.JobWorker;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testing.RecordedRequest;

/** With {@code selfcode.github.dry-run} a whole job runs, decides and records, and GitHub receives no write. */
@QuarkusTest
@TestProfile(DryRunTest.DryRun.class)
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class DryRunTest {

    /** The dry-run switch on. */
    public static class DryRun implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selfcode.github.dry-run", "true");
        }
    }

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;

    @Test
    void aKeptPatchInDryRunWritesNothingToGitHub() {
        String repo = JobFixtures.newRepo(fake, "octo/dry");
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        fake.setPermission(repo, "visitor", "read");
        OpenAiStubResource.stub().answer(JobFixtures.GOOD_HELPER);

        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        JobFixtures.command(fake, repo, issue, "/selfcode help", false);
        fake.addComment(repo, issue, "/selfcode do it", "visitor");
        Webhooks.post(Webhooks.issueComment(fake, fake.comments(repo, issue).get(2), false)).then().statusCode(200);
        worker.runOnce(Duration.ofMinutes(3));

        Job job = JobFixtures.jobs(repo).get(0);
        assertThat(job.status).as(job.lastError).isEqualTo(Job.Status.SUCCEEDED);
        PatchAttempt attempt = QuarkusTransaction.requiringNew().call(() -> PatchAttempt.findById(job.patchId));
        assertThat(attempt.decision).isEqualTo(PatchAttempt.KEEP);
        List<RecordedRequest> writes = fake.requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/access_tokens")
                        && !r.path().equals("/graphql") && !r.path().endsWith("/git-upload-pack")) // fetches are reads
                .toList();
        assertThat(writes).isEmpty();
        assertThat(fake.pushes()).isEmpty();
        assertThat(fake.pulls(repo)).isEmpty();
        assertThat(fake.comments(repo, issue)).allMatch(c -> !c.user().contains("[bot]") && !c.user().equals("selfcode"))
                .hasSize(3);
        assertThat(fake.reactions(repo)).isEmpty();
        assertThat(fake.checkRuns(repo)).isEmpty();
    }
}
