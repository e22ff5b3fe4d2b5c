package dev.selfcode.web.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.sweep.RollbackWatch;

/**
 * The pages over HTTP, without a browser: who is let in, what is "not found", the webhook still owning POST /, and
 * a patch page rendered on the server with its diff coloured by line. (The browser tests open the same pages over
 * real patches: DashboardBrowserTest, -Pbrowser.)
 */
@QuarkusTest
class DashboardPagesTest {

    private static final String ADMIN = "Bearer test-admin-token";
    @Inject
    EntityManager em;

    private static final List<String> PAGES = List.of("/", "/repos/octo/pages", "/patches/1", "/jobs", "/sweeps");

    @Test
    void anAnonymousVisitorIsSentToTheLoginPageFromEveryPage() {
        for (String page : PAGES) {
            // After logging in, the visitor lands on the page they asked for.
            given().redirects().follow(false).get(page).then().statusCode(303).header("Location",
                    endsWith("/login?next=" + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void theWebhookStillOwnsPostOnTheRoot() {
        // A delivery reaches the extension's route (which takes any POST there), not JAX-RS's GET-only "/" (405).
        // (GitHubListenersTest delivers real events through it.)
        given().header("X-GitHub-Delivery", "dashboard-ping").header("X-GitHub-Event", "ping")
                .contentType("application/json").body("{\"zen\":\"Design for failure.\",\"hook_id\":1}").post("/")
                .then().statusCode(not(405)).body(not(containsString("<meta name=\"viewport\"")));
    }

    @Test
    void anUnknownRepositoryOrPatchIsNotFound() {
        given().header("Authorization", ADMIN).get("/repos/octo/never-seen").then().statusCode(404)
                .body(containsString("Not found"));
        given().header("Authorization", ADMIN).get("/patches/987654321").then().statusCode(404);
        given().header("Authorization", ADMIN).get("/patches/not-a-number").then().statusCode(404);
    }

    @Test
    void everyPageRendersForTheAdminWithItsStylesAndChartLibraryServedLocally() {
        long id = patch();
        for (String page : List.of("/", "/repos/octo/pages", "/patches/" + id, "/jobs", "/jobs?repo=octo/pages", "/sweeps")) {
            given().header("Authorization", ADMIN).get(page).then().statusCode(200)
                    .contentType(containsString("text/html")).body(containsString("<meta name=\"viewport\""));
        }
        given().get("/static/selfcode.css").then().statusCode(200).body(containsString("prefers-color-scheme: dark"));
        given().get("/static/trend.js").then().statusCode(200);
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
    }

    @Test
    void thePatchPageColoursTheDiffOnTheServerAndEscapesIt() {
        long id = patch();
        String html = given().header("Authorization", ADMIN).get("/patches/" + id).then().statusCode(200).extract()
                .asString();
        assertThat(html).contains("<span class=\"add\">+def multiply(a, b):</span>")
                .contains("<span class=\"hunk\">@@ -1,2 +1,5 @@</span>")
                .contains("+    return a &lt; b")
                .contains("class=\"fill\" style=\"width: 75.0%");
    }

    @Test
    void aMergeAndItsRollbackAreMarkedOnTheRepoPage() {
        long id = patch("octo/rolled");
        Instant merged = Instant.parse("2026-11-20T10:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO rollback_watch (patch_id, repo,"
                + " pr_number, merged_at, state, revert_pr, updated_at) VALUES (?1, 'octo/rolled', 6, ?2, ?3, 7, ?4)")
                .setParameter(1, id).setParameter(2, utc(merged)).setParameter(3, RollbackWatch.REVERTED)
                .setParameter(4, utc(merged.plusSeconds(3600))).executeUpdate());

        String html = given().header("Authorization", ADMIN).get("/repos/octo/rolled").then().statusCode(200)
                .extract().asString();

        assertThat(html).contains("<tr data-t=\"" + merged.getEpochSecond() + "\" data-kind=\"merged\"")
                .contains("<tr data-t=\"" + (merged.getEpochSecond() + 3600) + "\" data-kind=\"rolled-back\"")
                .contains("revert pull request #7");
    }

    /** DATETIME columns hold UTC wall time. */
    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private long patch() {
        return patch("octo/pages");
    }

    private static long patch(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PatchAttempt a = new PatchAttempt();
            a.repo = repo;
            a.filePath = "calc.py";
            a.description = "add a multiply helper";
            a.trigger = "cli";
            a.decision = PatchAttempt.KEEP;
            a.diff = "--- a/calc.py\n+++ b/calc.py\n@@ -1,2 +1,5 @@\n def add(a, b):\n+def multiply(a, b):\n"
                    + "+    return a < b\n";
            a.timings = "generate=300ms evaluate=900ms";
            a.createdAt = Instant.now();
            a.persist();
            return a.id;
        });
    }
}
