package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks the fake GitHub's answers against GitHub's own REST description (@octokit/openapi, fetched by
 * scripts/fetch-github-fixtures.sh): every required property of the documented 2xx schema is present, with the
 * documented type. The calls run in order, each answer feeding the next (comment id, pull number, check run id).
 */
class FakeGitHubShapesTest {

    private static final String REPO = "/repos/octo/shapes";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeGitHub fake;
    private static SchemaCheck check;
    private static String token;
    private static final Map<String, JsonNode> answers = new HashMap<>();

    private record Call(String operationId, String method, Supplier<String> path, Supplier<String> body,
            boolean asApp, int status) {
    }

    @BeforeAll
    static void start() throws IOException {
        check = new SchemaCheck(Json.MAPPER.readTree(GitHubFixtures.openApi().toFile()));
        fake = FakeGitHub.start();
        fake.createRepo("octo/shapes", Map.of("README.md", "# shapes\n", "src/a.py", "a = 1\n"));
        fake.commit("octo/shapes", "feature", Map.of("src/b.py", "b = 2\n"), "Add b");
        fake.setPermission("octo/shapes", "alice", "maintain");
        fake.createIssue("octo/shapes", "Shapes", "body", "alice");
        token = fake.installationToken("octo");
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private static Call app(String operationId, String method, String path, int status) {
        return new Call(operationId, method, () -> path, () -> null, true, status);
    }

    private static Call call(String operationId, String method, Supplier<String> path, String body, int status) {
        return new Call(operationId, method, path, () -> body, false, status);
    }

    /** A code for a manifest, as GitHub's redirect back carries it. */
    private static String manifestCode() {
        String redirect = fake.confirmManifest("{\"name\":\"Shapes\",\"url\":\"https://shapes.test/\","
                + "\"hook_attributes\":{\"url\":\"https://shapes.test/\"},\"redirect_url\":\"https://shapes.test/cb\","
                + "\"default_permissions\":{\"contents\":\"write\"},\"default_events\":[\"push\"]}", "s");
        return redirect.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    private static String id(String operationId, String field) {
        return answers.get(operationId).get(field).asText();
    }

    @TestFactory
    Stream<DynamicTest> answersHaveEveryRequiredPropertyOfGitHubsSchema() {
        String sha = fake.branchSha("octo/shapes", "main").orElseThrow();
        List<Call> calls = List.of(
                app("apps/get-authenticated", "GET", "/app", 200),
                app("apps/get-installation", "GET", "/app/installations/" + fake.installationId("octo"), 200),
                app("apps/create-installation-access-token", "POST",
                        "/app/installations/" + fake.installationId("octo") + "/access_tokens", 201),
                app("apps/get-repo-installation", "GET", REPO + "/installation", 200),
                call("rate-limit/get", "GET", () -> "/rate_limit", null, 200),
                call("apps/list-repos-accessible-to-installation", "GET", () -> "/installation/repositories", null, 200),
                call("repos/get", "GET", () -> REPO, null, 200),
                call("repos/get-content", "GET", () -> REPO + "/contents/README.md?ref=main", null, 200),
                call("repos/get-content", "GET", () -> REPO + "/contents/src", null, 200),
                call("repos/get-collaborator-permission-level", "GET", () -> REPO + "/collaborators/alice/permission", null,
                        200),
                call("repos/get-branch", "GET", () -> REPO + "/branches/main", null, 200),
                call("repos/get-commit", "GET", () -> REPO + "/commits/main", null, 200),
                call("issues/get", "GET", () -> REPO + "/issues/1", null, 200),
                call("issues/create-comment", "POST", () -> REPO + "/issues/1/comments", "{\"body\":\"Working on it\"}", 201),
                call("issues/list-comments", "GET", () -> REPO + "/issues/1/comments", null, 200),
                call("issues/update-comment", "PATCH", () -> REPO + "/issues/comments/" + id("issues/create-comment", "id"),
                        "{\"body\":\"Done\"}", 200),
                call("reactions/create-for-issue-comment", "POST",
                        () -> REPO + "/issues/comments/" + id("issues/create-comment", "id") + "/reactions",
                        "{\"content\":\"rocket\"}", 201),
                call("reactions/create-for-issue", "POST", () -> REPO + "/issues/1/reactions", "{\"content\":\"eyes\"}", 201),
                call("issues/add-labels", "POST", () -> REPO + "/issues/1/labels", "{\"labels\":[\"selfcode\"]}", 200),
                call("git/create-ref", "POST", () -> REPO + "/git/refs",
                        "{\"ref\":\"refs/heads/shapes-ref\",\"sha\":\"" + sha + "\"}", 201),
                call("git/get-ref", "GET", () -> REPO + "/git/ref/heads/shapes-ref", null, 200),
                call("git/update-ref", "PATCH", () -> REPO + "/git/refs/heads/shapes-ref",
                        "{\"sha\":\"" + sha + "\",\"force\":true}", 200),
                call("pulls/create", "POST", () -> REPO + "/pulls",
                        "{\"title\":\"Add b\",\"head\":\"feature\",\"base\":\"main\",\"body\":\"ROI +1\"}", 201),
                call("pulls/get", "GET", () -> REPO + "/pulls/" + id("pulls/create", "number"), null, 200),
                call("pulls/list", "GET", () -> REPO + "/pulls?head=octo:feature&state=open", null, 200),
                call("pulls/update", "PATCH", () -> REPO + "/pulls/" + id("pulls/create", "number"),
                        "{\"body\":\"ROI +2\"}", 200),
                call("checks/create", "POST", () -> REPO + "/check-runs",
                        "{\"name\":\"selfcode\",\"head_sha\":\"" + sha + "\",\"status\":\"in_progress\"}", 201),
                call("checks/update", "PATCH", () -> REPO + "/check-runs/" + id("checks/create", "id"),
                        "{\"conclusion\":\"success\",\"output\":{\"title\":\"Kept\",\"summary\":\"roi up\"}}", 200),
                call("checks/get", "GET", () -> REPO + "/check-runs/" + id("checks/create", "id"), null, 200),
                call("checks/list-for-ref", "GET", () -> REPO + "/commits/main/check-runs", null, 200),
                call("pulls/merge", "PUT", () -> REPO + "/pulls/" + id("pulls/create", "number") + "/merge",
                        "{\"merge_method\":\"squash\"}", 200),
                new Call("apps/create-from-manifest", "POST", () -> "/app-manifests/" + manifestCode() + "/conversions",
                        () -> null, false, 201));
        return calls.stream().map(c -> DynamicTest.dynamicTest(c.operationId() + " " + c.method(), () -> verify(c)));
    }

    private static void verify(Call call) throws IOException, InterruptedException {
        String body = call.body().get();
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.url() + call.path().get()))
                .header("Authorization", call.asApp() ? "Bearer " + fake.appJwt() : "token " + token)
                .header("Accept", "application/vnd.github+json")
                .method(call.method(), body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s answered %s", call.operationId(), response.body()).isEqualTo(call.status());
        JsonNode answer = Json.MAPPER.readTree(response.body());
        answers.put(call.operationId(), answer);
        JsonNode schema = check.responseSchema(call.operationId(), call.status());
        assertThat(schema).as("GitHub documents a JSON answer for %s %d", call.operationId(), call.status()).isNotNull();
        // An empty object must fail the schema, or the check below would prove nothing.
        assertThat(check.problems(schema, Json.object(), "$")).as("schema of %s has requirements", call.operationId())
                .isNotEmpty();
        assertThat(check.problems(schema, answer, "$")).as("%s answer against GitHub's schema", call.operationId())
                .isEmpty();
    }
}
