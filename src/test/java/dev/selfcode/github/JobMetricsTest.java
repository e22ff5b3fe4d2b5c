package dev.selfcode.github;

import static dev.selfcode.github.JobFixtures.GOOD_HELPER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.deploy.GrafanaDashboard;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobWorker;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testing.WebhookPayload;
import dev.selfcode.testsupport.Poll;

/** One real patch job (webhook, queue, LLM stub, Docker sandbox, fake GitHub) moves every application metric. */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class JobMetricsTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][\\w:]*(?:\\{[^}]*\\})?) (\\S+)$");

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;

    @Test
    void aKeptPatchMovesTheDeliveryJobSandboxDecisionLlmAndGitHubMetrics() {
        JobFixtures.clearQueue();
        OpenAiStub llm = OpenAiStubResource.stub();
        llm.reset();
        llm.answer(GOOD_HELPER);
        String repo = JobFixtures.newRepo(fake, "octo/metrics-1");
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        Map<String, Double> before = scrape();

        FakeComment comment = fake.addComment(repo, issue, "/selfcode --file calc.py add a multiply helper",
                "maintainer");
        WebhookPayload delivery = Webhooks.issueComment(fake, comment, false);
        Webhooks.post(delivery).then().statusCode(200);
        Webhooks.post(delivery).then().statusCode(200); // GitHub's redelivery: the same id
        // Tests run without signature checks (the extension verifies them in prod only): refuse a too large body.
        given().headers(delivery.headers(FakeGitHubResource.WEBHOOK_SECRET)).body("x".repeat(2 << 20)).post("/")
                .then().statusCode(413);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
        assertThat(JobFixtures.jobs(repo)).singleElement().extracting(j -> j.status).isEqualTo(Job.Status.SUCCEEDED);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "selfcode_deliveries_total", "result=\"received\"")).isEqualTo(1);
        assertThat(delta(before, after, "selfcode_deliveries_total", "result=\"duplicate\"")).isEqualTo(1);
        assertThat(delta(before, after, "selfcode_deliveries_total", "result=\"rejected\"")).isEqualTo(1);
        assertThat(delta(before, after, "selfcode_job_duration_seconds_count", "kind=\"patch\"",
                "outcome=\"succeeded\"")).isEqualTo(1);
        assertThat(delta(before, after, "selfcode_job_duration_seconds_sum", "kind=\"patch\"")).isPositive();
        assertThat(delta(before, after, "selfcode_sandbox_evaluation_seconds_count", "status=\"ok\""))
                .isGreaterThanOrEqualTo(2); // the base and the candidate
        assertThat(delta(before, after, "selfcode_decisions_total", "decision=\"kept\"", "reason=\"none\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "selfcode_llm_tokens_total", "direction=\"in\""))
                .isGreaterThanOrEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(delta(before, after, "selfcode_llm_tokens_total", "direction=\"out\"")).isPositive();
        assertThat(delta(before, after, "selfcode_github_api_calls_total", "method=\"POST\"")).isPositive();
        assertThat(sum(after, "selfcode_github_rate_limit_remaining")).isEqualTo(4999); // the fake's header
        awaitJobsGauge("succeeded", sum(before, "selfcode_jobs", "state=\"succeeded\""));

        // Every meter has now moved: deploy/grafana/selfcode.json queries only series this server exports, and
        // charts every selfcode_* one.
        Set<String> exported = GrafanaDashboard
                .exportedSeries(given().get("/q/metrics").then().statusCode(200).extract().asString());
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        assertThat(dashboard.problems(exported)).isEmpty();
        assertThat(dashboard.uncharted(exported)).isEmpty();
    }

    /** The jobs gauge counts from the database and caches a few seconds: wait for it to see the new job. */
    private static void awaitJobsGauge(String state, double before) {
        String series = "selfcode_jobs{state=\"" + state + "\"}";
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(200),
                () -> sum(scrape(), "selfcode_jobs", "state=\"" + state + "\""), now -> now > before,
                now -> series + " stayed at " + now);
    }

    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    /** The sum of the series of {@code name} whose labels contain every one of {@code labels}. */
    private static double sum(Map<String, Double> samples, String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String key = e.getKey();
            if (!(key.equals(name) || key.startsWith(name + "{"))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                total += e.getValue();
            }
        }
        return total;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name,
            String... labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }
}
