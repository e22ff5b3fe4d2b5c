package dev.selfcode.testing;

import java.util.Base64;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders git refs, commits, branches and contents the way GitHub's REST API does. */
final class GitJson {

    private GitJson() {
    }

    /** The git-ref shape; {@code fullRef} is like refs/heads/main. */
    static ObjectNode ref(FakeState state, HostedRepo repo, String fullRef, String sha) {
        String api = RepoJson.apiUrl(state, repo);
        ObjectNode node = Json.object()
                .put("ref", fullRef)
                .put("node_id", Json.nodeId("REF", Math.abs((long) (repo.fullName() + fullRef).hashCode())))
                .put("url", api + "/git/" + fullRef);
        node.putObject("object").put("type", "commit").put("sha", sha).put("url", api + "/git/commits/" + sha);
        return node;
    }

    /** The commit shape (GET /repos/{o}/{r}/commits/{ref}, and a branch's commit). */
    static ObjectNode commit(FakeState state, HostedRepo repo, RevCommit commit) {
        String api = RepoJson.apiUrl(state, repo);
        String sha = commit.name();
        ObjectNode node = Json.object()
                .put("sha", sha)
                .put("node_id", Json.nodeId("C", Math.abs((long) sha.hashCode())))
                .put("url", api + "/commits/" + sha)
                .put("html_url", RepoJson.htmlUrl(state, repo) + "/commit/" + sha)
                .put("comments_url", api + "/commits/" + sha + "/comments");
        ObjectNode git = node.putObject("commit").put("url", api + "/git/commits/" + sha)
                .put("message", commit.getFullMessage()).put("comment_count", 0);
        git.set("author", person(commit.getAuthorIdent()));
        git.set("committer", person(commit.getCommitterIdent()));
        git.putObject("tree").put("sha", commit.getTree().name()).put("url", api + "/git/trees/" + commit.getTree().name());
        git.putObject("verification").put("verified", false).put("reason", "unsigned").putNull("signature")
                .putNull("payload").putNull("verified_at");
        node.putNull("author");
        node.putNull("committer");
        ArrayNode parents = node.putArray("parents");
        for (RevCommit parent : commit.getParents()) {
            parents.addObject().put("sha", parent.name()).put("url", api + "/commits/" + parent.name())
                    .put("html_url", RepoJson.htmlUrl(state, repo) + "/commit/" + parent.name());
        }
        return node;
    }

    private static ObjectNode person(PersonIdent ident) {
        ObjectNode node = Json.object().put("name", ident.getName()).put("email", ident.getEmailAddress());
        Json.time(node, "date", ident.getWhenAsInstant());
        return node;
    }

    /** The branch-with-protection shape. */
    static ObjectNode branch(FakeState state, HostedRepo repo, String branch, RevCommit commit) {
        String api = RepoJson.apiUrl(state, repo) + "/branches/" + branch;
        ObjectNode node = Json.object().put("name", branch);
        node.set("commit", commit(state, repo, commit));
        node.putObject("_links").put("self", api).put("html", RepoJson.htmlUrl(state, repo) + "/tree/" + branch);
        node.put("protected", false).put("protection_url", api + "/protection");
        node.putObject("protection").put("enabled", false);
        return node;
    }

    /** The content-file shape (base64 in lines of 60, as GitHub sends it) or a directory entry when bytes is null. */
    static ObjectNode content(FakeState state, HostedRepo repo, String ref, HostedGit.Entry entry, byte[] bytes) {
        String api = RepoJson.apiUrl(state, repo);
        String self = api + "/contents/" + entry.path() + "?ref=" + ref;
        String git = api + (entry.directory() ? "/git/trees/" : "/git/blobs/") + entry.sha();
        String html = RepoJson.htmlUrl(state, repo) + (entry.directory() ? "/tree/" : "/blob/") + ref + "/" + entry.path();
        ObjectNode node = Json.object()
                .put("type", entry.directory() ? "dir" : "file")
                .put("name", entry.name())
                .put("path", entry.path())
                .put("sha", entry.sha())
                .put("size", entry.size())
                .put("url", self)
                .put("git_url", git)
                .put("html_url", html);
        if (entry.directory()) {
            node.putNull("download_url");
        } else {
            node.put("download_url", state.apiUrl + "/raw/" + repo.fullName() + "/" + ref + "/" + entry.path());
        }
        if (bytes != null) {
            node.put("encoding", "base64").put("content",
                    Base64.getMimeEncoder(60, "\n".getBytes()).encodeToString(bytes) + "\n");
        }
        node.putObject("_links").put("self", self).put("git", git).put("html", html);
        return node;
    }
}
