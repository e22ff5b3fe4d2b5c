package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The fake's front door: unknown routes, credentials, bad input and concurrent writers, over raw HTTP. */
class FakeGitHubRoutingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private FakeGitHub fake;
    private String token;

    @BeforeEach
    void start() {
        fake = FakeGitHub.start();
        fake.createRepo("octo/demo", Map.of("README.md", "# demo\n"));
        fake.createIssue("octo/demo", "One", "", "alice");
        token = fake.installationToken("octo");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.url() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownRoutesAnswerGitHubsNotFoundAndAreRecordedAsUnexpected() throws Exception {
        HttpResponse<String> response = send("GET", "/repos/octo/demo/deployments", "token " + token, null);
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("message").asText()).isEqualTo("Not Found");
        assertThat(body.path("documentation_url").asText()).startsWith("https://docs.github.com/");
        assertThat(fake.unexpectedRequests()).extracting(RecordedRequest::path).containsExactly("/repos/octo/demo/deployments");
        org.assertj.core.api.Assertions.assertThatThrownBy(fake::assertNoUnexpectedRequests)
                .hasMessageContaining("/repos/octo/demo/deployments");
    }

    @Test
    void checksCredentialsPerRouteKind() throws Exception {
        assertThat(send("GET", "/repos/octo/demo", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/repos/octo/demo", "token ghs_wrong", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/repos/octo/demo", "Bearer " + token, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/app", "token " + token, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/app", "Bearer " + fake.appJwt(), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/repos/octo/demo", "Bearer " + fake.appJwt(), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/rate_limit", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/rate_limit", "token ghs_wrong", null).statusCode()).isEqualTo(401);
        fake.revokeTokens();
        assertThat(send("GET", "/repos/octo/demo", "token " + token, null).statusCode()).isEqualTo(401);
        assertThat(fake.unexpectedRequests()).isEmpty();
    }

    @Test
    void answersBadInputLikeGitHub() throws Exception {
        String auth = "token " + token;
        assertThat(send("POST", "/repos/octo/demo/issues/1/comments", auth, "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = send("POST", "/repos/octo/demo/issues/1/comments", auth, "{}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(missing.body()).path("errors").get(0).path("field").asText()).isEqualTo("body");
        assertThat(send("POST", "/repos/octo/demo/issues/99/comments", auth, "{\"body\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/repos/octo/demo/issues/1/reactions", auth, "{\"content\":\"party\"}").statusCode())
                .isEqualTo(422);
        assertThat(send("POST", "/repos/octo/demo/pulls", auth,
                "{\"title\":\"t\",\"head\":\"nope\",\"base\":\"main\"}").statusCode()).isEqualTo(422);
        assertThat(send("POST", "/repos/octo/demo/pulls", auth,
                "{\"title\":\"t\",\"head\":\"main\",\"base\":\"main\"}").body()).contains("No commits between");
        assertThat(fake.comments("octo/demo", 1)).isEmpty();
    }

    @Test
    void concurrentWritersAllLandWithDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String body = "{\"body\":\"comment " + i + "\"}";
                statuses.add(pool.submit(() -> send("POST", "/repos/octo/demo/issues/1/comments", "token " + token, body)
                        .statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        List<FakeComment> comments = fake.comments("octo/demo", 1);
        assertThat(comments).hasSize(30);
        assertThat(new HashSet<>(comments.stream().map(FakeComment::id).toList())).hasSize(30);
    }
}
