package dev.selfcode.web.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.selfcode.github.JobFixtures;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.JobWorker;
import dev.selfcode.job.NewJob;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;

/**
 * The REST API over a database filled by real patch jobs (webhook, queue, engine with the LLM stub, Docker sandbox,
 * the fake GitHub): every endpoint, pagination, filters, problem JSON, who sees what, and redaction.
 */
@QuarkusTest
@TestProfile(ApiTest.Viewers.class)
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class ApiTest {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String A = "octo/api-a";
    static final String B = "octo/api-b";
    /** A GitHub token shape the scanner knows; stored only by a row written around the entity's redaction. */
    static final String SECRET = "ghp_" + "Zq8sK2mN4pR6tV8xB0dF2hJ4lN6pR8tV0xZ2";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    /** Enables {@link TestViewers}. */
    public static class Viewers implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(TestViewers.class);
        }
    }

    /** Patch ids made by the real jobs, per repository, once for the class. */
    static Map<String, List<Long>> made;
    static boolean reposMade;

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @Inject
    JobQueue queue;
    @Inject
    EntityManager em;

    @BeforeEach
    void patches() {
        if (made != null) {
            return;
        }
        assertThat(reposMade).as("the real patches failed in an earlier test's set-up").isFalse();
        reposMade = true;
        OpenAiStub llm = OpenAiStubResource.stub();
        JobFixtures.clearQueue();
        Map<String, List<Long>> ids = new HashMap<>();
        JobFixtures.newRepo(fake, A);
        JobFixtures.newRepo(fake, B);
        for (String[] run : new String[][]{{A, "add a multiply helper", JobFixtures.GOOD_HELPER},
                {A, "add a subtract helper", JobFixtures.BREAKING_HELPER},
                {B, "add a multiply helper", JobFixtures.GOOD_HELPER}}) {
            llm.reset();
            llm.answer(run[2]);
            int issue = fake.createIssue(run[0], run[1], "", "maintainer");
            JobFixtures.command(fake, run[0], issue, "/selfcode --file calc.py " + run[1], false);
            assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
            List<Job> jobs = JobFixtures.jobs(run[0]);
            Job job = jobs.get(jobs.size() - 1);
            assertThat(job.status).as(job.lastError).isEqualTo(Job.Status.SUCCEEDED);
            ids.computeIfAbsent(run[0], r -> new ArrayList<>()).add(job.patchId);
        }
        made = ids;
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    static RequestSpecification as(String role, String repo) {
        return given().header(TestViewers.HEADER, role + " " + repo);
    }

    PatchAttempt attempt(long id) {
        return QuarkusTransaction.requiringNew().call(() -> PatchAttempt.findById(id));
    }

    static JsonPath problem(Response r, int status) {
        r.then().statusCode(status).contentType("application/problem+json");
        JsonPath json = r.jsonPath();
        assertThat(json.getInt("status")).isEqualTo(status);
        assertThat(json.getString("type")).isNotBlank();
        assertThat(json.getString("title")).isNotBlank();
        assertThat(json.getString("detail")).isNotBlank();
        return json;
    }

    @Test
    void realPatchesShowInTheListAndWholeWithTheirNumbers() {
        long kept = made.get(A).get(0);
        long reverted = made.get(A).get(1);
        PatchAttempt k = attempt(kept);
        assertThat(k.decision).isEqualTo(PatchAttempt.KEEP);
        assertThat(attempt(reverted).decision).isEqualTo(PatchAttempt.REVERT);

        JsonPath list = admin().get("/api/patches?repo=" + A).then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.id", Long.class)).containsExactly(reverted, kept);
        assertThat(list.getString("next")).isNull();

        JsonPath p = admin().get("/api/patches/" + kept).then().statusCode(200).extract().jsonPath();
        assertThat(p.getString("repo")).isEqualTo(A);
        assertThat(p.getString("decisionValue")).isEqualTo("KEEP");
        assertThat(p.getDouble("metrics.find { it.metric == 'roi' }.before")).isEqualTo(k.roiBefore);
        assertThat(p.getDouble("metrics.find { it.metric == 'errors' }.after")).isEqualTo(k.errorsAfter);
        assertThat(p.getList("decision.metric", String.class)).contains("roi", "errors");
        assertThat(p.getString("decision.find { it.metric == 'errors' }.verdict")).startsWith("ok");
        assertThat(p.getString("diff")).contains("def multiply");
        assertThat(p.getInt("tokens.prompt")).isEqualTo(k.promptTokens);
        assertThat(p.getList("timings.stage", String.class)).isNotEmpty();
        assertThat(p.getList("calls.prompt", String.class)).anySatisfy(prompt -> assertThat(prompt).contains("calc.py"));
        assertThat(p.getList("calls.response", String.class)).anySatisfy(a -> assertThat(a).contains("multiply"));
        assertThat(p.getInt("links.prNumber")).isEqualTo(k.prNumber);
        assertThat(p.getString("links.prUrl")).endsWith("/" + A + "/pull/" + k.prNumber);
        assertThat(p.getString("links.branch")).isEqualTo(k.branch);

        JsonPath r = admin().get("/api/patches/" + reverted).then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("decision.find { it.metric == 'errors' }.verdict")).isEqualTo("REVERT");
        assertThat(r.getList("reasons", String.class)).isNotEmpty();
    }

    @Test
    void filtersNarrowTheListAndBadOnesAreProblems() {
        long kept = made.get(A).get(0);
        long reverted = made.get(A).get(1);
        long keptB = made.get(B).get(0);
        assertThat(admin().get("/api/patches?decision=keep").jsonPath().getList("items.id", Long.class))
                .containsExactly(keptB, kept);
        assertThat(admin().get("/api/patches?repo=" + A + "&decision=REVERT").jsonPath().getList("items.id",
                Long.class)).containsExactly(reverted);
        assertThat(admin().get("/api/patches?trigger=comment").jsonPath().getList("items.id", Long.class))
                .containsExactly(keptB, reverted, kept);
        assertThat(admin().get("/api/patches?trigger=sweep").jsonPath().getList("items")).isEmpty();
        assertThat(admin().get("/api/patches?since=2000-01-01").jsonPath().getList("items")).hasSize(3);
        assertThat(admin().get("/api/patches?since=" + Instant.now().plusSeconds(3600)).jsonPath().getList("items"))
                .isEmpty();

        assertThat(problem(admin().get("/api/patches?limit=0"), 400).getString("parameter")).isEqualTo("limit");
        assertThat(problem(admin().get("/api/patches?limit=abc"), 400).getString("parameter")).isEqualTo("limit");
        assertThat(problem(admin().get("/api/patches?limit=101"), 400).getString("parameter")).isEqualTo("limit");
        assertThat(problem(admin().get("/api/patches?decision=maybe"), 400).getString("parameter"))
                .isEqualTo("decision");
        assertThat(problem(admin().get("/api/patches?since=yesterday"), 400).getString("parameter")).isEqualTo("since");
        assertThat(problem(admin().get("/api/patches?repo=no-slash"), 400).getString("parameter")).isEqualTo("repo");
        assertThat(problem(admin().get("/api/patches?trigger=a%20b"), 400).getString("parameter"))
                .isEqualTo("trigger");
        assertThat(problem(admin().get("/api/patches?cursor=!!!"), 400).getString("parameter")).isEqualTo("cursor");
        String jobsCursor = dev.selfcode.web.view.Cursor.after("jobs", 5);
        assertThat(problem(admin().get("/api/patches?cursor=" + jobsCursor), 400).getString("parameter"))
                .isEqualTo("cursor");
        assertThat(problem(admin().get("/api/patches/abc"), 400).getString("parameter")).isEqualTo("id");
        assertThat(problem(admin().get("/api/patches/-3"), 400).getString("parameter")).isEqualTo("id");
        assertThat(problem(admin().get("/api/jobs?status=sleeping"), 400).getString("parameter")).isEqualTo("status");
        assertThat(problem(admin().get("/api/repos/" + "bad%20owner/x"), 400).getString("parameter"))
                .isEqualTo("owner");
        problem(admin().get("/api/patches/999999"), 404);
        problem(admin().get("/api/no-such-thing"), 404);
        problem(admin().delete("/api/patches"), 405);
    }

    @Test
    void pagesWalkEveryRowOnceWhileRowsAreAdded() {
        // More rows than the real jobs made, written as the engine writes them, so a walk spans many pages.
        long first = QuarkusTransaction.requiringNew().call(() -> {
            long id = 0;
            for (int i = 0; i < 23; i++) {
                PatchAttempt a = new PatchAttempt();
                a.repo = i % 2 == 0 ? A : B;
                a.filePath = "calc.py";
                a.description = "extra " + i;
                a.trigger = "cli";
                a.decision = PatchAttempt.FAILED;
                a.createdAt = Instant.now();
                a.persist();
                id = id == 0 ? a.id : id;
            }
            return id;
        });
        try {
            List<Long> expected = QuarkusTransaction.requiringNew().call(() -> em
                    .createQuery("select a.id from PatchAttempt a order by a.id desc", Long.class).getResultList());
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonPath page = admin().get("/api/patches?limit=4" + (cursor == null ? "" : "&cursor=" + cursor))
                        .then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id", Long.class));
                cursor = page.getString("next");
                if (pages++ == 0) {
                    // A row added during the walk lands before the first page: it shifts nothing.
                    QuarkusTransaction.requiringNew().run(() -> {
                        PatchAttempt a = new PatchAttempt();
                        a.repo = A;
                        a.filePath = "calc.py";
                        a.description = "during the walk";
                        a.trigger = "cli";
                        a.decision = PatchAttempt.PENDING;
                        a.createdAt = Instant.now();
                        a.persist();
                    });
                }
            } while (cursor != null);
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(pages).isEqualTo((expected.size() + 3) / 4);

            List<Long> onlyA = new ArrayList<>();
            cursor = null;
            do {
                JsonPath page = admin().get("/api/patches?repo=" + A + "&limit=5"
                        + (cursor == null ? "" : "&cursor=" + cursor)).jsonPath();
                onlyA.addAll(page.getList("items.id", Long.class));
                cursor = page.getString("next");
            } while (cursor != null);
            assertThat(onlyA).doesNotHaveDuplicates().isSortedAccordingTo((x, y) -> Long.compare(y, x))
                    .containsAll(made.get(A)).doesNotContainAnyElementsOf(made.get(B));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> PatchAttempt.delete("id >= ?1", first));
        }
    }

    @Test
    void reposTrendOverviewAndJobsOfTheRealData() {
        JsonPath repos = admin().get("/api/repos").then().statusCode(200).extract().jsonPath();
        assertThat(repos.getList("repo", String.class)).containsExactly(A, B);
        assertThat(repos.getLong("find { it.repo == '" + A + "' }.week.kept")).isEqualTo(1);
        assertThat(repos.getLong("find { it.repo == '" + A + "' }.week.reverted")).isEqualTo(1);
        assertThat(repos.getLong("find { it.repo == '" + A + "' }.openPulls")).isEqualTo(1);
        assertThat(repos.getLong("find { it.repo == '" + A + "' }.installationId")).isPositive();

        JsonPath repo = admin().get("/api/repos/" + A).then().statusCode(200).extract().jsonPath();
        // The repository's own page reads its numbers in one query of its own: they must be the list's.
        assertThat(repo.getMap("summary")).isEqualTo(repos.getMap("find { it.repo == '" + A + "' }"));
        assertThat(repo.getLong("patches")).isEqualTo(2);
        assertThat(repo.getInt("budgets.patches")).isEqualTo(2);
        assertThat(repo.getInt("budgets.openPulls")).isEqualTo(1);
        assertThat(repo.getLong("budgets.tokens")).isPositive();
        assertThat(repo.getInt("config.maxOpenPrs")).isEqualTo(repo.getInt("budgets.maxOpenPrs"));
        assertThat(repo.getInt("breaker.inARow")).isEqualTo(1);
        assertThat(repo.getBoolean("breaker.open")).isFalse();
        assertThat(repo.getDouble("latest.roi")).isNotNull();

        long samples = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM metric_sample WHERE repo = ?1").setParameter(1, A)
                .getSingleResult()).longValue());
        JsonPath trend = admin().get("/api/repos/" + A + "/trend").then().statusCode(200).extract().jsonPath();
        assertThat(trend.getList("samples")).hasSize((int) samples).isNotEmpty();
        assertThat(trend.getList("band")).hasSize((int) samples);
        assertThat(trend.getList("events")).isEmpty();

        JsonPath overview = admin().get("/api/overview").then().statusCode(200).extract().jsonPath();
        assertThat(overview.getLong("week.kept")).isEqualTo(2);
        assertThat(overview.getLong("week.reverted")).isEqualTo(1);
        assertThat(overview.getLong("openPulls")).isEqualTo(2);
        assertThat(overview.getLong("tokensWeek")).isEqualTo(3L * (OpenAiStub.PROMPT_TOKENS
                + OpenAiStub.COMPLETION_TOKENS));
        assertThat(overview.getLong("jobs.SUCCEEDED")).isGreaterThanOrEqualTo(3);

        JsonPath jobs = admin().get("/api/jobs?repo=" + A + "&status=SUCCEEDED").then().statusCode(200).extract()
                .jsonPath();
        assertThat(jobs.getList("items.patchId", Long.class)).containsExactlyInAnyOrderElementsOf(made.get(A));
        assertThat(jobs.getList("items.kind", String.class)).containsOnly("patch");
        assertThat(jobs.getList("items.repo", String.class)).containsOnly(A);
        assertThat(admin().get("/api/jobs?status=succeeded&limit=1").jsonPath().getString("next")).isNotNull();
    }

    @Test
    void anonymousGetsOnly401AndAReaderOnlyItsRepository() {
        long keptB = made.get(B).get(0);
        for (String path : List.of("/api/repos", "/api/repos/" + A, "/api/repos/" + A + "/trend", "/api/patches",
                "/api/patches/" + keptB, "/api/jobs", "/api/overview")) {
            Response r = given().get(path);
            problem(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        problem(given().post("/api/jobs/1/retry"), 401);
        problem(given().post("/api/repos/" + A + "/sweep"), 401);

        assertThat(as("reader", A).get("/api/repos").jsonPath().getList("repo", String.class)).containsExactly(A);
        as("reader", A).get("/api/repos/" + A).then().statusCode(200);
        // A repository the viewer cannot read answers exactly as one that does not exist.
        JsonPath hidden = problem(as("reader", A).get("/api/repos/" + B), 404);
        JsonPath missing = problem(as("reader", A).get("/api/repos/octo/none"), 404);
        assertThat(hidden.getString("title")).isEqualTo(missing.getString("title"));
        problem(as("reader", A).get("/api/repos/" + B + "/trend"), 404);
        problem(as("reader", A).get("/api/patches/" + keptB), 404);
        assertThat(as("reader", A).get("/api/patches").jsonPath().getList("items.repo", String.class))
                .containsOnly(A).isNotEmpty();
        assertThat(as("reader", A).get("/api/patches?repo=" + B).jsonPath().getList("items")).isEmpty();
        assertThat(as("reader", A).get("/api/jobs").jsonPath().getList("items.repo", String.class)).containsOnly(A);
        assertThat(as("reader", A).get("/api/overview").jsonPath().getLong("week.kept")).isEqualTo(1);
        assertThat(admin().get("/api/repos").jsonPath().getList("repo", String.class)).containsExactly(A, B);
    }

    @Test
    void retryAndSweepNeedWriteAccessAndAFittingState() {
        JobFixtures.clearQueue();
        Job failed = queue.enqueue(NewJob.of("api-test-retry:" + System.nanoTime(), "nothing-handles-this", A, "{}"));
        assertThat(queue.claim("api-test", 1)).extracting(j -> j.id).containsExactly(failed.id);
        queue.fail(failed.id, "api-test", "it broke", false);
        try {
            problem(as("reader", A).post("/api/jobs/" + failed.id + "/retry"), 403);
            problem(as("writer", B).post("/api/jobs/" + failed.id + "/retry"), 404);
            problem(as("writer", A).post("/api/jobs/abc/retry"), 400);
            JsonPath retried = as("writer", A).post("/api/jobs/" + failed.id + "/retry").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(retried.getString("status")).isEqualTo("QUEUED");
            assertThat(retried.getInt("attempts")).isZero();
            assertThat(retried.getString("nextRun")).isNotNull();
            assertThat(queue.find(failed.id).orElseThrow().status).isEqualTo(Job.Status.QUEUED);
            problem(as("writer", A).post("/api/jobs/" + failed.id + "/retry"), 409);
        } finally {
            queue.cancel(failed.id);
        }

        problem(as("reader", A).post("/api/repos/" + A + "/sweep"), 403);
        problem(as("writer", A).post("/api/repos/" + B + "/sweep"), 404);
        JsonPath sweep = as("writer", A).post("/api/repos/" + A + "/sweep").then().statusCode(202).extract()
                .jsonPath();
        try {
            assertThat(sweep.getString("kind")).isEqualTo("sweep");
            assertThat(sweep.getString("repo")).isEqualTo(A);
            assertThat(sweep.getString("status")).isEqualTo("QUEUED");
            Job job = queue.find(sweep.getLong("id")).orElseThrow();
            assertThat(job.installationId).isNotNull();
            assertThat(job.payload).contains("manual");
        } finally {
            queue.cancel(sweep.getLong("id"));
        }
    }

    @Test
    void secretsInPromptsAndAnswersDoNotComeBack() {
        long kept = made.get(A).get(0);
        // Written around the entity (as a row from before a redaction rule existed would be): the API redacts too.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO gpt_interaction (repo, patch_id,"
                + " purpose, prompt, response, created_at) VALUES (?1, ?2, 'generate', ?3, ?4, NOW(3))")
                .setParameter(1, A).setParameter(2, kept).setParameter(3, "deploy with token " + SECRET + " please")
                .setParameter(4, "password = \"" + SECRET + "\"").executeUpdate());
        String body = admin().get("/api/patches/" + kept).then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain(SECRET).contains("[REDACTED github-token]").contains("deploy with token");
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/repos", "/api/repos/{owner}/{name}", "/api/repos/{owner}/{name}/trend",
                "/api/repos/{owner}/{name}/sweep", "/api/patches", "/api/patches/{id}", "/api/jobs",
                "/api/jobs/{id}/retry", "/api/overview");
        assertThat(doc.getMap("paths.'/api/patches/{id}'.get.responses")).containsKeys("200", "400", "401", "404");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
