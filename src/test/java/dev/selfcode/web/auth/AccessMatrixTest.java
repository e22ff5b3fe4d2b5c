package dev.selfcode.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.github.JobFixtures;
import dev.selfcode.github.PatchesForTheDashboard;
import dev.selfcode.job.JobWorker;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.GitHubLoginResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStubResource;

/**
 * The authorization matrix over every API endpoint and dashboard page, on patches the engine really made: anonymous,
 * alice (reads acme/alpha on GitHub), bob (writes acme/alpha) both logged in through the full GitHub login against
 * the fake, and the admin token. acme/beta is installed too, but neither may see it: it must look as if it did not
 * exist, in every answer.
 */
@QuarkusTest
@WithTestResource(GitHubLoginResource.class)
@WithTestResource(OpenAiStubResource.class)
class AccessMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHA = "acme/alpha";
    private static final String BETA = "acme/beta";
    private static final String ADMIN = "Bearer test-admin-token";
    private static long alphaPatch;
    private static long betaPatch;
    private static long alphaJob;
    private static long betaJob;

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void realPatches() throws Exception {
        if (alphaPatch != 0) {
            return;
        }
        PatchesForTheDashboard.repo(fake, ALPHA);
        PatchesForTheDashboard.repo(fake, BETA);
        fake.setPermission(ALPHA, "alice", "read");
        fake.setPermission(ALPHA, "bob", "write");
        alphaPatch = PatchesForTheDashboard.keptAndMerged(fake, OpenAiStubResource.stub(), worker, ALPHA);
        betaPatch = PatchesForTheDashboard.keptAndMerged(fake, OpenAiStubResource.stub(), worker, BETA);
        alphaJob = JobFixtures.jobs(ALPHA).get(0).id;
        betaJob = JobFixtures.jobs(BETA).get(0).id;
    }

    @Test
    void anAnonymousVisitorGetsNothingButTheLoginPage() {
        BrowserSession anonymous = new BrowserSession(root);
        for (String path : List.of("/api/overview", "/api/repos", "/api/repos/" + ALPHA, "/api/repos/" + ALPHA
                + "/trend", "/api/patches", "/api/patches/" + alphaPatch, "/api/jobs")) {
            HttpResponse<String> answer = anonymous.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path).doesNotContain(ALPHA);
        }
        for (String path : List.of("/api/jobs/" + alphaJob + "/retry", "/api/repos/" + ALPHA + "/sweep")) {
            assertThat(anonymous.post(path, Map.of()).statusCode()).as(path).isEqualTo(401);
        }
        for (String page : List.of("/", "/repos/" + ALPHA, "/patches/" + alphaPatch, "/jobs", "/sweeps")) {
            HttpResponse<String> answer = anonymous.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    l -> assertThat(URI.create(l).getPath()).isEqualTo("/login"));
        }
    }

    @Test
    void aReaderOfAlphaSeesAlphaEverywhereAndBetaNowhereAndCannotAct() throws Exception {
        BrowserSession alice = loggedIn("alice");
        assertSeesOnly(alice::get, ALPHA, BETA, alphaPatch, betaPatch, betaJob);

        // Retry and sweep on alpha, then on beta.
        assertThat(actions(alice)).containsExactly(403, 403, 404, 404);
    }

    @Test
    void aWriterOfAlphaMayActOnAlphaButNotOnBeta() throws Exception {
        BrowserSession bob = loggedIn("bob");
        assertSeesOnly(bob::get, ALPHA, BETA, alphaPatch, betaPatch, betaJob);

        // Past the authorization on alpha: a job that succeeded cannot be retried (409), a sweep is queued (202).
        assertThat(actions(bob)).containsExactly(409, 202, 404, 404);
    }

    /** The statuses of retrying alpha's job, sweeping alpha, retrying beta's job and sweeping beta, in that order. */
    private List<Integer> actions(BrowserSession who) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("/api/jobs/" + alphaJob + "/retry", "/api/repos/" + ALPHA + "/sweep",
                "/api/jobs/" + betaJob + "/retry", "/api/repos/" + BETA + "/sweep")) {
            statuses.add(who.post(path, Map.of()).statusCode());
        }
        return statuses;
    }

    @Test
    void theAdminTokenSeesBoth() throws Exception {
        BrowserSession admin = new BrowserSession(root);
        Function<String, HttpResponse<String>> get = path -> admin.send(path, ADMIN);
        for (String repo : List.of(ALPHA, BETA)) {
            assertThat(get.apply("/api/repos/" + repo).statusCode()).isEqualTo(200);
            assertThat(get.apply("/repos/" + repo).statusCode()).isEqualTo(200);
        }
        assertThat(get.apply("/api/patches/" + betaPatch).statusCode()).isEqualTo(200);
        assertThat(repos(get.apply("/api/repos"))).contains(ALPHA, BETA);
        assertThat(patchRepos(get.apply("/api/patches"))).contains(ALPHA, BETA);
    }

    /** Every read endpoint and page shows {@code mine} and nothing of {@code theirs}, as if it did not exist. */
    private void assertSeesOnly(Function<String, HttpResponse<String>> get, String mine, String theirs, long myPatch,
            long theirPatch, long theirJob) throws Exception {
        assertThat(repos(get.apply("/api/repos"))).containsExactly(mine);
        assertThat(get.apply("/api/repos/" + mine).statusCode()).isEqualTo(200);
        assertThat(get.apply("/api/repos/" + mine + "/trend").statusCode()).isEqualTo(200);
        assertThat(get.apply("/api/patches/" + myPatch).statusCode()).isEqualTo(200);
        assertThat(patchRepos(get.apply("/api/patches"))).containsOnly(mine);
        assertThat(patchRepos(get.apply("/api/patches?repo=" + theirs))).isEmpty();
        assertThat(JSON.readTree(get.apply("/api/jobs").body()).path("items").findValuesAsText("repo"))
                .isNotEmpty().containsOnly(mine);
        HttpResponse<String> overview = get.apply("/api/overview");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains(mine).doesNotContain(theirs);
        // Not readable answers exactly as missing does, the name aside.
        for (String[] pair : new String[][]{{"/api/repos/" + theirs, "/api/repos/acme/missing"},
                {"/api/repos/" + theirs + "/trend", "/api/repos/acme/missing/trend"},
                {"/api/patches/" + theirPatch, "/api/patches/999999"}}) {
            HttpResponse<String> hidden = get.apply(pair[0]);
            HttpResponse<String> missing = get.apply(pair[1]);
            assertThat(hidden.statusCode()).as(pair[0]).isEqualTo(404);
            assertThat(hidden.body().replace(theirs, "R").replace(String.valueOf(theirPatch), "N"))
                    .isEqualTo(missing.body().replace("acme/missing", "R").replace("999999", "N"));
        }
        assertThat(get.apply("/").body()).contains(mine).doesNotContain(theirs);
        assertThat(get.apply("/repos/" + mine).statusCode()).isEqualTo(200);
        assertThat(get.apply("/patches/" + myPatch).statusCode()).isEqualTo(200);
        assertThat(get.apply("/repos/" + theirs).statusCode()).isEqualTo(404);
        assertThat(get.apply("/patches/" + theirPatch).statusCode()).isEqualTo(404);
        assertThat(get.apply("/jobs").body()).contains(mine).doesNotContain(theirs);
        assertThat(get.apply("/sweeps").body()).doesNotContain(theirs);
    }

    private static List<String> repos(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).findValuesAsText("repo");
    }

    private static List<String> patchRepos(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(answer.body()).path("items");
        return items.findValuesAsText("repo");
    }

    /** Logs {@code user} in as a browser would: our login link, GitHub's page, back with a code. */
    private BrowserSession loggedIn(String user) {
        fake.signInBrowser(user);
        BrowserSession browser = new BrowserSession(root);
        HttpResponse<String> landed = browser.follow("/login/github");
        assertThat(landed.request().uri().getPath()).isEqualTo("/");
        assertThat(landed.body()).contains(user + " · log out");
        return browser;
    }
}
