package dev.selfcode.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders check runs the way GitHub's REST API does (the check-run shape). */
final class CheckRunJson {

    private CheckRunJson() {
    }

    static ObjectNode checkRun(FakeState state, HostedRepo repo, FakeCheckRun run) {
        String api = RepoJson.apiUrl(state, repo);
        ObjectNode node = Json.object()
                .put("id", run.id())
                .put("node_id", Json.nodeId("CR", run.id()))
                .put("head_sha", run.headSha())
                .put("name", run.name())
                .put("url", api + "/check-runs/" + run.id())
                .put("html_url", RepoJson.htmlUrl(state, repo) + "/runs/" + run.id())
                .put("details_url", run.detailsUrl())
                .put("external_id", run.externalId() == null ? "" : run.externalId())
                .put("status", run.status())
                .put("conclusion", run.conclusion());
        Json.time(node, "started_at", run.startedAt());
        Json.time(node, "completed_at", run.completedAt());
        node.putObject("output").put("title", run.title()).put("summary", run.summary())
                .put("text", run.text()).put("annotations_count", 0)
                .put("annotations_url", api + "/check-runs/" + run.id() + "/annotations");
        node.putObject("check_suite").put("id", Math.abs((long) (repo.fullName() + run.headSha()).hashCode()) + 1);
        node.set("app", AppJson.app(state));
        ArrayNode pulls = node.putArray("pull_requests");
        for (FakePull pull : state.select(state.pulls, p -> p.repo().equals(repo.fullName()) && "open".equals(p.state()))) {
            if (PullJson.headSha(repo, pull).equals(run.headSha())) {
                ObjectNode entry = pulls.addObject().put("id", pull.id()).put("number", pull.number())
                        .put("url", api + "/pulls/" + pull.number());
                entry.set("head", minimalSide(repo, api, pull.head(), run.headSha()));
                var base = repo.git.resolve("refs/heads/" + pull.base());
                entry.set("base", minimalSide(repo, api, pull.base(), base == null ? "" : base.name()));
            }
        }
        return node;
    }

    private static ObjectNode minimalSide(HostedRepo repo, String api, String ref, String sha) {
        ObjectNode side = Json.object().put("ref", ref).put("sha", sha);
        side.putObject("repo").put("id", repo.id).put("url", api).put("name", repo.name);
        return side;
    }
}
