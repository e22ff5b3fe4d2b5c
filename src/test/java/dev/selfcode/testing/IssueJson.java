package dev.selfcode.testing;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders issues, comments and reactions the way GitHub's REST API does. */
final class IssueJson {

    private IssueJson() {
    }

    /** The issue shape; pull requests seen through the issues API carry a pull_request object. */
    static ObjectNode issue(FakeState state, HostedRepo repo, FakeIssue issue) {
        ObjectNode node = common(state, repo, issue.number(), issue.id(), issue.title(), issue.body(), issue.user(),
                issue.state(), issue.labels());
        Json.time(node, "created_at", issue.createdAt());
        Json.time(node, "updated_at", issue.updatedAt());
        Json.time(node, "closed_at", issue.closedAt());
        node.put("state_reason", "closed".equals(issue.state()) ? "completed" : null);
        return node;
    }

    static ObjectNode issue(FakeState state, HostedRepo repo, FakePull pull) {
        ObjectNode node = common(state, repo, pull.number(), pull.id(), pull.title(), pull.body(), pull.user(),
                pull.state(), pull.labels());
        Json.time(node, "created_at", pull.createdAt());
        Json.time(node, "updated_at", pull.updatedAt());
        Json.time(node, "closed_at", pull.closedAt());
        String api = RepoJson.apiUrl(state, repo) + "/pulls/" + pull.number();
        String html = RepoJson.htmlUrl(state, repo) + "/pull/" + pull.number();
        ObjectNode link = node.putObject("pull_request").put("url", api).put("html_url", html)
                .put("diff_url", html + ".diff").put("patch_url", html + ".patch");
        Json.time(link, "merged_at", pull.mergedAt());
        node.put("html_url", html).put("draft", pull.draft());
        return node;
    }

    private static ObjectNode common(FakeState state, HostedRepo repo, int number, long id, String title, String body,
            String user, String issueState, List<String> labels) {
        String api = RepoJson.apiUrl(state, repo) + "/issues/" + number;
        ObjectNode node = Json.object()
                .put("id", id)
                .put("node_id", Json.nodeId("I", id))
                .put("url", api)
                .put("repository_url", RepoJson.apiUrl(state, repo))
                .put("labels_url", api + "/labels{/name}")
                .put("comments_url", api + "/comments")
                .put("events_url", api + "/events")
                .put("html_url", RepoJson.htmlUrl(state, repo) + "/issues/" + number)
                .put("number", number)
                .put("state", issueState)
                .put("title", title)
                .put("body", body)
                .put("locked", false)
                .put("author_association", authorAssociation(repo, user));
        node.set("user", RepoJson.user(state, user));
        ArrayNode labelNodes = node.putArray("labels");
        labels.forEach(name -> labelNodes.add(RepoJson.label(state, repo, name)));
        node.putNull("assignee");
        node.putArray("assignees");
        node.putNull("milestone");
        node.put("comments",
                state.select(state.comments, c -> c.repo().equals(repo.fullName()) && c.issueNumber() == number).size());
        node.putNull("active_lock_reason");
        node.set("reactions", rollup(state.select(state.reactions, r -> r.repo().equals(repo.fullName()) && r.onIssue(number)),
                api + "/reactions"));
        return node;
    }

    static String authorAssociation(HostedRepo repo, String login) {
        if (login.equalsIgnoreCase(repo.owner)) {
            return "OWNER";
        }
        return "none".equals(HostedRepo.permissionOf(repo.role(login))) ? "NONE" : "COLLABORATOR";
    }

    static ObjectNode comment(FakeState state, HostedRepo repo, FakeComment comment) {
        String api = RepoJson.apiUrl(state, repo);
        ObjectNode node = Json.object()
                .put("id", comment.id())
                .put("node_id", Json.nodeId("IC", comment.id()))
                .put("url", api + "/issues/comments/" + comment.id())
                .put("html_url", RepoJson.htmlUrl(state, repo) + "/issues/" + comment.issueNumber()
                        + "#issuecomment-" + comment.id())
                .put("issue_url", api + "/issues/" + comment.issueNumber())
                .put("body", comment.body())
                .put("author_association", authorAssociation(repo, comment.user()));
        node.set("user", RepoJson.user(state, comment.user()));
        Json.time(node, "created_at", comment.createdAt());
        Json.time(node, "updated_at", comment.updatedAt());
        node.set("reactions", rollup(state.select(state.reactions, r -> r.onComment(comment.id())),
                api + "/issues/comments/" + comment.id() + "/reactions"));
        return node;
    }

    /** The reaction-rollup shape: a count per reaction content. */
    private static ObjectNode rollup(List<FakeReaction> reactions, String url) {
        ObjectNode rollup = Json.object().put("url", url).put("total_count", reactions.size());
        for (String content : List.of("+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket")) {
            rollup.put(content, reactions.stream().filter(r -> r.content().equals(content)).count());
        }
        return rollup;
    }

    static ObjectNode reaction(FakeState state, FakeReaction reaction) {
        ObjectNode node = Json.object()
                .put("id", reaction.id())
                .put("node_id", Json.nodeId("REA", reaction.id()))
                .put("content", reaction.content());
        node.set("user", RepoJson.user(state, reaction.user()));
        Json.time(node, "created_at", reaction.createdAt());
        return node;
    }
}
