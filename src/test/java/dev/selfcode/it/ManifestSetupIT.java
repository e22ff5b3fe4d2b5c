package dev.selfcode.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.OneClickSetup;
import dev.selfcode.testing.WebhookFixtures;
import dev.selfcode.testing.WebhookPayload;

/**
 * The packaged server started without App credentials: its setup page registers the App on (the fake) GitHub, the
 * code is exchanged, the credentials land in the data folder with mode 0600, and the same process goes on as that
 * App: a delivery signed with the new webhook secret is accepted and becomes a job (which needs the new App's key
 * for an installation token), one signed with another secret is not. A restart reads the stored file.
 */
class ManifestSetupIT {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dataDir;
    FakeGitHub fake = FakeGitHub.start();
    ProdServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    HttpResponse<String> deliver(WebhookPayload payload, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(payload.body(), StandardCharsets.UTF_8));
        payload.headers(secret).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    WebhookPayload command() {
        int issue = fake.createIssue("octo/setup", "Add a helper", "", "maintainer");
        String text = "/selfcode --file calc.py add a multiply helper";
        FakeComment comment = fake.addComment("octo/setup", issue, text, "maintainer");
        return WebhookFixtures.payload("issue_comment", "created").forFake(fake, "octo/setup")
                .set("/issue/number", issue).set("/issue/pull_request", null).set("/comment/id", comment.id())
                .commentBody(text).set("/comment/user/login", "maintainer").sender("maintainer");
    }

    @Test
    void theSetupRegistersTheAppStoresItsCredentialsAndTheServerGoesOnAsThatApp() throws Exception {
        fake.createRepo("octo/setup", Map.of("calc.py", "def add(a, b):\n    return a + b\n"));
        fake.setPermission("octo/setup", "maintainer", "write");
        server = ProdServer.startWithoutCredentials(fake, dataDir, Map.of("SELFCODE_SETUP_GITHUB_URL", fake.url()),
                "/setup", "--public-url", "https://selfcode.example.test");

        // Before the registration, webhooks are not taken.
        WebhookPayload early = command();
        assertThat(deliver(early, "anything").statusCode()).isEqualTo(503);

        HttpResponse<String> done = OneClickSetup.register(fake, server.url());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        server.awaitAnswer("/q/health/ready", Duration.ofSeconds(60));

        Path file = dataDir.resolve("github-app.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String secret = OneClickSetup.webhookSecret(dataDir);

        WebhookPayload wrong = command();
        assertThat(deliver(wrong, FakeGitHubResource.WEBHOOK_SECRET).statusCode()).isEqualTo(400);
        WebhookPayload signed = command();
        assertThat(deliver(signed, secret).statusCode()).isEqualTo(200);
        WebhookSignatureIT.awaitJob(signed.deliveryId());
        assertThat(WebhookSignatureIT.deliveries(wrong.deliveryId())).isZero();
        assertThat(fake.requests()).as("the new App's JWT was accepted")
                .anyMatch(r -> r.path().endsWith("/access_tokens") && r.status() == 201)
                .noneMatch(r -> r.status() == 401);

        // A restart without credentials in the environment reads the stored file: no setup page, App mode at once.
        server.close();
        server = ProdServer.startWithoutCredentials(fake, dataDir, Map.of(), "/q/health/ready");
        assertThat(server.log()).contains("GitHub App credentials from " + file);
        // The stored OAuth client turns on "Log in with GitHub" too, though only the file has it.
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("id=\"github-login\"");
        WebhookPayload again = command();
        assertThat(deliver(again, secret).statusCode()).isEqualTo(200);
        WebhookSignatureIT.awaitJob(again.deliveryId());
    }
}
