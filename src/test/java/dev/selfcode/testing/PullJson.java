package dev.selfcode.testing;

import org.eclipse.jgit.lib.ObjectId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders pull requests the way GitHub's REST API does (the pull-request shape). */
final class PullJson {

    private PullJson() {
    }

    /** The commit a pull request's head stands at: the live branch, or the last known commit once it is gone. */
    static String headSha(HostedRepo repo, FakePull pull) {
        if (pull.merged()) {
            return pull.headSha();
        }
        ObjectId live = repo.git.resolve("refs/heads/" + pull.head());
        return live == null ? pull.headSha() : live.name();
    }

    static ObjectNode pull(FakeState state, HostedRepo repo, FakePull pull) {
        String api = RepoJson.apiUrl(state, repo);
        String self = api + "/pulls/" + pull.number();
        String html = RepoJson.htmlUrl(state, repo) + "/pull/" + pull.number();
        String issue = api + "/issues/" + pull.number();
        String headSha = headSha(repo, pull);
        ObjectNode node = Json.object()
                .put("url", self)
                .put("id", pull.id())
                .put("node_id", Json.nodeId("PR", pull.id()))
                .put("html_url", html)
                .put("diff_url", html + ".diff")
                .put("patch_url", html + ".patch")
                .put("issue_url", issue)
                .put("commits_url", self + "/commits")
                .put("review_comments_url", self + "/comments")
                .put("review_comment_url", api + "/pulls/comments{/number}")
                .put("comments_url", issue + "/comments")
                .put("statuses_url", api + "/statuses/" + headSha)
                .put("number", pull.number())
                .put("state", pull.state())
                .put("locked", false)
                .put("title", pull.title())
                .put("body", pull.body())
                .put("draft", pull.draft())
                .put("author_association", IssueJson.authorAssociation(repo, pull.user()));
        node.set("user", RepoJson.user(state, pull.user()));
        ArrayNode labels = node.putArray("labels");
        pull.labels().forEach(name -> labels.add(RepoJson.label(state, repo, name)));
        Json.time(node, "created_at", pull.createdAt());
        Json.time(node, "updated_at", pull.updatedAt());
        Json.time(node, "closed_at", pull.closedAt());
        Json.time(node, "merged_at", pull.mergedAt());
        node.put("merge_commit_sha", pull.mergeCommitSha());
        node.putNull("assignee").putNull("milestone").putNull("auto_merge").putNull("active_lock_reason");
        node.putArray("assignees");
        node.putArray("requested_reviewers");
        node.putArray("requested_teams");
        node.set("head", side(state, repo, pull.head(), headSha));
        ObjectId base = repo.git.resolve("refs/heads/" + pull.base());
        node.set("base", side(state, repo, pull.base(), base == null ? headSha : base.name()));
        ObjectNode links = node.putObject("_links");
        link(links, "self", self);
        link(links, "html", html);
        link(links, "issue", issue);
        link(links, "comments", issue + "/comments");
        link(links, "review_comments", self + "/comments");
        link(links, "review_comment", api + "/pulls/comments{/number}");
        link(links, "commits", self + "/commits");
        link(links, "statuses", api + "/statuses/" + headSha);
        boolean open = "open".equals(pull.state());
        node.put("merged", pull.merged());
        if (open) {
            node.put("mergeable", true).put("rebaseable", true).put("mergeable_state", "clean");
        } else {
            node.putNull("mergeable").putNull("rebaseable").put("mergeable_state", "unknown");
        }
        if (pull.merged()) {
            node.set("merged_by", RepoJson.user(state, state.botLogin()));
        } else {
            node.putNull("merged_by");
        }
        node.put("comments", state.select(state.comments, c -> c.repo().equals(repo.fullName())
                && c.issueNumber() == pull.number()).size());
        node.put("review_comments", 0).put("maintainer_can_modify", false)
                .put("commits", 1).put("additions", 0).put("deletions", 0).put("changed_files", 0);
        return node;
    }

    private static ObjectNode side(FakeState state, HostedRepo repo, String branch, String sha) {
        ObjectNode side = Json.object().put("label", repo.owner + ":" + branch).put("ref", branch).put("sha", sha);
        side.set("user", RepoJson.user(state, repo.owner));
        side.set("repo", RepoJson.repository(state, repo));
        return side;
    }

    private static void link(ObjectNode links, String name, String href) {
        links.putObject(name).put("href", href);
    }
}
