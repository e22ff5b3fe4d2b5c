package dev.selfcode.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.githubapp.runtime.signing.JwtTokenCreator;
import io.quarkiverse.githubapp.runtime.signing.PrivateKeyUtil;

/**
 * The GitHub App's credentials: the key parses, and GitHub answers {@code GET /app} to a JWT signed with it. The key
 * is read and the JWT made by quarkus-github-app's own code, so the doctor accepts exactly what {@code serve} does.
 */
final class CheckGitHubApp implements Check {

    static final String KEY_FIX = "set QUARKUS_GITHUB_APP_PRIVATE_KEY (quarkus.github-app.private-key) to the PEM of"
            + " your App's private key (App settings > Private keys)";
    /** GitHub refuses JWTs that live longer than ten minutes. */
    private static final long JWT_SECONDS = 540;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppSettings app;
    private final Duration timeout;

    CheckGitHubApp(AppSettings app, Duration timeout) {
        this.app = app;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "github app";
    }

    @Override
    public CheckResult run() {
        if (app.absent()) {
            return CheckResult.skip(name(), "no GitHub App configured (command-line use only)",
                    "for selfcode serve, register the App with one click (selfcode serve --public-url URL, then open"
                            + " /setup), or set QUARKUS_GITHUB_APP_APP_ID and QUARKUS_GITHUB_APP_PRIVATE_KEY");
        }
        if (app.appId().isEmpty()) {
            return CheckResult.fail(name(), "a private key but no app id",
                    "set QUARKUS_GITHUB_APP_APP_ID (quarkus.github-app.app-id) to your App's id");
        }
        if (app.privateKey().isEmpty()) {
            return CheckResult.fail(name(), "app id " + app.appId().get() + " but no private key", KEY_FIX);
        }
        PrivateKey key;
        try {
            key = PrivateKeyUtil.loadKey(app.privateKey().get());
        } catch (GeneralSecurityException | RuntimeException e) {
            return CheckResult.fail(name(), "the private key does not parse as an RSA PEM key: "
                    + Cause.of(e), KEY_FIX);
        }
        String jwt;
        try {
            jwt = new JwtTokenCreator().createJwtToken(app.appId().get(), key, JWT_SECONDS);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return CheckResult.fail(name(), "could not sign a JWT with the private key: " + Cause.of(e),
                    KEY_FIX);
        }
        String api = app.apiUrl().replaceAll("/+$", "");
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(timeout).build().send(
                    HttpRequest.newBuilder(URI.create(api + "/app")).timeout(timeout)
                            .header("Accept", "application/vnd.github+json")
                            .header("Authorization", "Bearer " + jwt).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                JsonNode body = JSON.readTree(answer.body());
                return CheckResult.ok(name(), "App " + body.path("slug").asText("?") + " (id "
                        + body.path("id").asText(app.appId().get()) + ") at " + api);
            }
            if (answer.statusCode() == 401) {
                return CheckResult.fail(name(), api + " refused the JWT for app id " + app.appId().get()
                        + " (HTTP 401): the key is not this App's, or the id is wrong",
                        "set QUARKUS_GITHUB_APP_APP_ID and QUARKUS_GITHUB_APP_PRIVATE_KEY to the id and a current"
                                + " private key of the same App");
            }
            return CheckResult.fail(name(), api + "/app answered HTTP " + answer.statusCode(),
                    "check QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT (the REST API root)");
        } catch (java.net.http.HttpTimeoutException e) {
            return CheckResult.fail(name(), api + " did not answer within " + timeout.toSeconds() + " s",
                    "check the network and QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT");
        } catch (IOException e) {
            return CheckResult.fail(name(), "cannot reach " + api + ": " + Cause.of(e),
                    "check the network and QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name(), "interrupted", "");
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(name(), "not a URL: " + api, "check QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT");
        }
    }
}
