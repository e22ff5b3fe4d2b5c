package dev.selfcode.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.github.InstalledRepos;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.NewJob;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.GitHubLoginResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testsupport.AdjustableClock;

/**
 * The authorization matrix over {@code /api/me}: anonymous, a reader and a writer of acme/alpha (GitHub, through the
 * full OAuth login against the fake), the admin token by header and by the login form. acme/beta is installed but
 * alice has no access to it on GitHub; local/tool was only ever used through the CLI.
 */
@QuarkusTest
@WithTestResource(GitHubLoginResource.class)
class WhoMaySeeWhatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean seeded;

    @InjectFakeGitHub
    FakeGitHub fake;

    @Inject
    InstalledRepos installed;

    @Inject
    JobQueue queue;

    @Inject
    AdjustableClock clock;

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void seed() {
        clock.reset();
        if (seeded) {
            return;
        }
        seeded = true;
        fake.createRepo("acme/alpha", Map.of("README.md", "alpha\n"));
        fake.createRepo("acme/beta", Map.of("README.md", "beta\n"));
        fake.setPermission("acme/alpha", "alice", "read");
        fake.setPermission("acme/alpha", "bob", "write");
        fake.setPermission("acme/beta", "bob", "read");
        long installation = fake.installationId("acme");
        installed.activate(installation, "acme/alpha");
        installed.activate(installation, "acme/beta");
        queue.enqueue(NewJob.of("auth-test-cli-1", "patch", "local/tool", "{}")); // no installation: the CLI's
    }

    @Test
    void anAnonymousVisitorSeesTheLoginPageAndNothingElse() throws Exception {
        BrowserSession anonymous = new BrowserSession(root);

        HttpResponse<String> me = anonymous.get("/api/me");
        HttpResponse<String> repo = anonymous.get("/api/me/repos/acme/alpha");
        HttpResponse<String> login = anonymous.get("/login");

        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "application/problem+json"));
        assertThat(JSON.readTree(me.body()).path("status").asInt()).isEqualTo(401);
        assertThat(repo.statusCode()).isEqualTo(401);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Log in with GitHub", "name=\"token\"").doesNotContain("acme");
    }

    @Test
    void theFullGitHubLoginEndsInASessionThatKnowsTheUser() throws Exception {
        BrowserSession alice = loggedIn("alice");

        assertThat(alice.redirects.get(0)).startsWith(fake.url() + "/login/oauth/authorize?")
                .contains("client_id=Iv1.fakeoauthclient", "code_challenge=", "redirect_uri=");
        assertThat(alice.redirects.get(1)).startsWith(root.resolve("/login/github").toString()).contains("code=");
        assertThat(alice.redirects.get(alice.redirects.size() - 1)).isEqualTo(root.resolve("/").toString());
        assertThat(alice.cookie("q_session")).hasValueSatisfying(c -> assertThat(c.isHttpOnly()).isTrue());
        long userCalls = userCalls();
        for (int i = 0; i < 3; i++) {
            assertThat(me(alice).path("login").asText()).isEqualTo("alice");
        }
        // GitHub's /user is asked at login only: later requests read the user from the session cookie.
        assertThat(userCalls()).isEqualTo(userCalls);
        fake.assertNoUnexpectedRequests();
    }

    @Test
    void aReaderOfAlphaReadsAlphaOnlyAndCannotAct() throws Exception {
        BrowserSession alice = loggedIn("alice");

        JsonNode me = me(alice);

        assertThat(me.path("admin").asBoolean()).isFalse();
        assertThat(me.path("repos").toString()).isEqualTo("[{\"repo\":\"acme/alpha\",\"write\":false}]");
        assertThat(alice.get("/api/me/repos/acme/alpha").body()).contains("\"write\":false");
        // Installed but not readable for her, and CLI-only: the same 404 as a repository that does not exist.
        assertThat(alice.get("/api/me/repos/acme/beta").statusCode()).isEqualTo(404);
        assertThat(alice.get("/api/me/repos/local/tool").statusCode()).isEqualTo(404);
        assertThat(alice.get("/api/me/repos/acme/nothing").statusCode()).isEqualTo(404);
        assertThat(alice.get("/api/me/repos/acme/beta").body().replace("acme/beta", "R"))
                .isEqualTo(alice.get("/api/me/repos/acme/nothing").body().replace("acme/nothing", "R"));
    }

    @Test
    void aWriterOfAlphaMayActOnAlpha() throws Exception {
        BrowserSession bob = loggedIn("bob");

        JsonNode me = me(bob);

        assertThat(me.path("repos").toString()).isEqualTo(
                "[{\"repo\":\"acme/alpha\",\"write\":true},{\"repo\":\"acme/beta\",\"write\":false}]");
        assertThat(bob.get("/api/me/repos/local/tool").statusCode()).isEqualTo(404);
    }

    @Test
    void theAdminTokenByHeaderSeesEveryRepositoryIncludingCliOnlyOnes() throws Exception {
        HttpResponse<String> me = new BrowserSession(root).send("/api/me", "Bearer test-admin-token");
        HttpResponse<String> wrong = new BrowserSession(root).send("/api/me", "Bearer not-the-token");

        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.path("admin").asBoolean()).isTrue();
        assertThat(body.path("login").isNull()).isTrue();
        assertThat(body.path("repos").toString()).contains("{\"repo\":\"acme/alpha\",\"write\":true}",
                "{\"repo\":\"acme/beta\",\"write\":true}", "{\"repo\":\"local/tool\",\"write\":true}");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void theAdminTokenOnTheLoginFormSetsASafeSessionCookieUntilLogout() throws Exception {
        BrowserSession browser = new BrowserSession(root);
        String csrf = browser.csrfFromLoginPage();

        HttpResponse<String> forged = browser.post("/login", Map.of("token", "test-admin-token", "csrf", "forged"));
        HttpResponse<String> wrong = browser.post("/login", Map.of("token", "nope", "csrf", csrf));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);

        HttpResponse<String> right = browser.post("/login",
                Map.of("token", "test-admin-token", "csrf", csrf, "next", "https://evil.example/"));

        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("evil"));
        String setCookie = right.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AdminSession.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContain("test-admin-token").doesNotContainIgnoringCase("Secure"); // plain HTTP here
        assertThat(me(browser).path("admin").asBoolean()).isTrue();

        assertThat(browser.post("/logout", Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(browser.post("/logout", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void loggingOutEndsAGitHubSession() {
        BrowserSession alice = loggedIn("alice");
        String csrf = alice.csrfFromLoginPage();

        assertThat(alice.post("/logout", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);

        assertThat(alice.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void gitHubsAnswerCountsForFiveMinutesAtMost() throws Exception {
        fake.createRepo("acme/gamma", Map.of("README.md", "gamma\n"));
        installed.activate(fake.installationId("acme"), "acme/gamma");
        fake.setPermission("acme/gamma", "carol", "read");
        BrowserSession carol = loggedIn("carol");
        assertThat(me(carol).path("repos").toString()).contains("acme/gamma");

        fake.setPermission("acme/gamma", "carol", "none"); // taken away on GitHub
        clock.advance(Duration.ofMinutes(4));
        assertThat(me(carol).path("repos").toString()).as("still cached").contains("acme/gamma");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(me(carol).path("repos").toString()).as("asked GitHub again").doesNotContain("acme/gamma");
        assertThat(carol.get("/api/me/repos/acme/gamma").statusCode()).isEqualTo(404);
    }

    /** Logs {@code user} in with GitHub as a browser would: our login link, GitHub's page, back with a code. */
    private BrowserSession loggedIn(String user) {
        fake.signInBrowser(user);
        BrowserSession browser = new BrowserSession(root);
        HttpResponse<String> landed = browser.follow("/login/github");
        assertThat(browser.redirects).as("redirects").isNotEmpty();
        assertThat(landed.request().uri().getPath()).isEqualTo("/");
        return browser;
    }

    private long userCalls() {
        return fake.requests().stream().filter(r -> r.path().equals("/user")).count();
    }

    private static JsonNode me(BrowserSession browser) throws Exception {
        HttpResponse<String> response = browser.get("/api/me");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
