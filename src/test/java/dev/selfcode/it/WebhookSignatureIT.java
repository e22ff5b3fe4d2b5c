package dev.selfcode.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.WebhookFixtures;
import dev.selfcode.testing.WebhookPayload;

/**
 * Signature checks and the body limit of the packaged server in the prod profile (the extension verifies
 * signatures only there): a missing or wrong X-Hub-Signature-256 gets 4xx and leaves no trace, an oversized body
 * gets 413, a correctly signed command is persisted once and queues a job.
 */
class WebhookSignatureIT {

    /** GitHub's documented example: this secret and payload give this signature. */
    static final String SECRET = "It's a Secret to Everybody";
    static final String HELLO = "Hello, World!";
    static final String HELLO_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    static final int MAX_BODY = 64 * 1024;

    static FakeGitHub fake;
    static ProdServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        fake = FakeGitHub.start();
        fake.createRepo("octo/signed", Map.of("calc.py", "def add(a, b):\n    return a + b\n"));
        fake.setPermission("octo/signed", "maintainer", "write");
        server = ProdServer.start(fake, SECRET, Map.of("SELFCODE_GITHUB_MAX_BODY_BYTES", String.valueOf(MAX_BODY)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    WebhookPayload command(String text) {
        int issue = fake.createIssue("octo/signed", "Add a helper", "", "maintainer");
        FakeComment comment = fake.addComment("octo/signed", issue, text, "maintainer");
        return WebhookFixtures.payload("issue_comment", "created").forFake(fake, "octo/signed")
                .set("/issue/number", issue).set("/issue/pull_request", null).set("/comment/id", comment.id())
                .commentBody(text).set("/comment/user/login", "maintainer").sender("maintainer");
    }

    HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/"))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long deliveries(String id) throws Exception {
        return TestDatabase.count("SELECT COUNT(*) FROM delivery WHERE delivery_id = ?", id);
    }

    static long jobs(String id) throws Exception {
        return TestDatabase.count("SELECT COUNT(*) FROM job WHERE source_key = ?", "github:" + id);
    }

    @Test
    void theSignerMatchesGitHubsDocumentedVector() {
        assertThat(WebhookPayload.signature(SECRET, HELLO.getBytes(StandardCharsets.UTF_8))).isEqualTo(HELLO_SIGNATURE);
    }

    @Test
    void theDocumentedVectorPassesTheServersCheckAndAFlippedByteDoesNot() throws Exception {
        Map<String, String> headers = Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", HELLO_SIGNATURE, "Content-Type", "application/json");
        // "Hello, World!" is not JSON: past the signature check the server fails to parse it (5xx), never 400.
        assertThat(post(HELLO.getBytes(StandardCharsets.UTF_8), headers).statusCode()).isNotEqualTo(400);
        assertThat(post("Hello, World?".getBytes(StandardCharsets.UTF_8), headers).statusCode()).isEqualTo(400);
    }

    @Test
    void aCorrectlySignedCommandIsPersistedOnceAndQueuesOneJob() throws Exception {
        WebhookPayload payload = command("/selfcode --file calc.py add a multiply helper");
        byte[] body = payload.body().getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, payload.headers(SECRET)).statusCode()).isEqualTo(200);
        assertThat(post(body, payload.headers(SECRET)).statusCode()).isEqualTo(200);

        assertThat(deliveries(payload.deliveryId())).isEqualTo(1);
        awaitJob(payload.deliveryId());
        assertThat(jobs(payload.deliveryId())).isEqualTo(1);
    }

    /** Listeners run after the acknowledgement in prod: waits (with a deadline) until the delivery became a job. */
    static void awaitJob(String deliveryId) throws Exception {
        Instant end = Instant.now().plusSeconds(20);
        while (jobs(deliveryId) == 0) {
            assertThat(Instant.now()).as("delivery %s became a job within 20 s", deliveryId).isBefore(end);
            Thread.sleep(100);
        }
    }

    /**
     * Proves that a refused delivery left nothing, without a fixed sleep: a correctly signed command sent after it is
     * stored and becomes a job, so by then the refused one would have done the same.
     */
    void assertLeftNothing(String refused) throws Exception {
        WebhookPayload later = command("/selfcode --file calc.py add a multiply helper");
        assertThat(post(later.body().getBytes(StandardCharsets.UTF_8), later.headers(SECRET)).statusCode())
                .isEqualTo(200);
        awaitJob(later.deliveryId());
        assertThat(deliveries(later.deliveryId())).isEqualTo(1);
        assertThat(deliveries(refused)).isZero();
        assertThat(jobs(refused)).isZero();
    }

    @Test
    void aWrongSignatureGets400AndLeavesNoDeliveryAndNoJob() throws Exception {
        WebhookPayload payload = command("/selfcode --file calc.py add a multiply helper");
        Map<String, String> headers = new java.util.HashMap<>(payload.headers("not the secret"));

        assertThat(post(payload.body().getBytes(StandardCharsets.UTF_8), headers).statusCode()).isEqualTo(400);
        assertLeftNothing(payload.deliveryId());
    }

    @Test
    void aMissingSignatureGets400AndLeavesNoDeliveryAndNoJob() throws Exception {
        WebhookPayload payload = command("/selfcode --file calc.py add a multiply helper");
        Map<String, String> headers = new java.util.HashMap<>(payload.headers(SECRET));
        headers.remove("X-Hub-Signature-256");

        assertThat(post(payload.body().getBytes(StandardCharsets.UTF_8), headers).statusCode()).isEqualTo(400);
        assertLeftNothing(payload.deliveryId());
    }

    @Test
    void aBodyOverTheLimitGets413WhetherItsLengthIsDeclaredOrChunked() throws Exception {
        WebhookPayload payload = command("/selfcode " + "x".repeat(MAX_BODY));
        byte[] body = payload.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = payload.headers(SECRET);

        assertThat(post(body, headers).statusCode()).isEqualTo(413);

        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(server.url() + "/"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        headers.forEach(chunked::header);
        assertThat(HTTP.send(chunked.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertLeftNothing(payload.deliveryId());
    }
}
