package dev.selfcode.testing;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders the GitHub App, its installations and the rate limit the way GitHub's REST API does. */
final class AppJson {

    static final String[] EVENTS = {"check_run", "issue_comment", "issues", "pull_request", "push"};
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    private AppJson() {
    }

    static ObjectNode permissions() {
        return Json.object().put("checks", "write").put("contents", "write").put("issues", "write")
                .put("metadata", "read").put("pull_requests", "write");
    }

    /** The integration shape (GET /app, and the app of a check run). */
    static ObjectNode app(FakeState state) {
        ObjectNode app = Json.object()
                .put("id", state.appId)
                .put("slug", state.appSlug)
                .put("node_id", Json.nodeId("A", state.appId))
                .put("client_id", "Iv1.fake" + state.appId);
        app.set("owner", RepoJson.user(state, "selfcode-dev"));
        app.put("name", "Selfcode")
                .put("description", "Self-coding bot (fake GitHub)")
                .put("external_url", "http://127.0.0.1/selfcode")
                .put("html_url", state.apiUrl + "/apps/" + state.appSlug);
        Json.time(app, "created_at", CREATED);
        Json.time(app, "updated_at", CREATED);
        app.set("permissions", permissions());
        app.putArray("events").addAll(java.util.Arrays.stream(EVENTS).map(Json.MAPPER.getNodeFactory()::textNode).toList());
        app.put("installations_count", state.installations.size());
        return app;
    }

    static ObjectNode installation(FakeState state, long installationId) {
        String account = state.installations.get(installationId);
        ObjectNode node = Json.object().put("id", installationId);
        node.set("account", RepoJson.user(state, account));
        node.put("repository_selection", "selected")
                .put("access_tokens_url", state.apiUrl + "/app/installations/" + installationId + "/access_tokens")
                .put("repositories_url", state.apiUrl + "/installation/repositories")
                .put("html_url", state.apiUrl + "/settings/installations/" + installationId)
                .put("app_id", state.appId)
                .put("app_slug", state.appSlug)
                .put("client_id", "Iv1.fake" + state.appId)
                .put("target_id", state.userId(account))
                .put("target_type", "User");
        node.set("permissions", permissions());
        node.putArray("events").addAll(java.util.Arrays.stream(EVENTS).map(Json.MAPPER.getNodeFactory()::textNode).toList());
        Json.time(node, "created_at", CREATED);
        Json.time(node, "updated_at", CREATED);
        node.putNull("single_file_name").put("has_multiple_single_files", false);
        node.putArray("single_file_paths");
        node.putNull("suspended_by").putNull("suspended_at");
        return node;
    }

    static ObjectNode token(FakeState.Grant grant) {
        ObjectNode node = Json.object().put("token", grant.token());
        Json.time(node, "expires_at", grant.expiresAt());
        node.set("permissions", permissions());
        node.put("repository_selection", "selected");
        return node;
    }

    static ObjectNode rateLimit() {
        long reset = Instant.now().plusSeconds(3600).getEpochSecond();
        ObjectNode resources = Json.object();
        for (String name : new String[]{"core", "search", "graphql", "integration_manifest", "source_import",
                "code_scanning_upload", "actions_runner_registration", "scim", "dependency_snapshots", "code_search"}) {
            resources.set(name, rate(5000, reset));
        }
        ObjectNode node = Json.object();
        node.set("resources", resources);
        node.set("rate", rate(5000, reset));
        return node;
    }

    private static ObjectNode rate(int limit, long reset) {
        return Json.object().put("limit", limit).put("used", 1).put("remaining", limit - 1).put("reset", reset);
    }
}
