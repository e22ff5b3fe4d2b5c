package dev.selfcode.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With no OAuth client configured (the test profile's default) the server starts with the login tenant off: the
 * login page offers the admin-token form only, and the GitHub login path sends the visitor back to it.
 */
@QuarkusTest
class LoginWithoutGitHubTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void theLoginPageOffersTheAdminTokenOnly() {
        BrowserSession browser = new BrowserSession(root);

        HttpResponse<String> page = browser.get("/login");
        HttpResponse<String> github = browser.get("/login/github");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"admin-login\"").doesNotContain("Log in with GitHub");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(FormCookies.CSRF + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict"));
        assertThat(github.statusCode()).isEqualTo(303);
        assertThat(github.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
