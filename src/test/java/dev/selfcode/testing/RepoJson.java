package dev.selfcode.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders users and repositories the way GitHub's REST API does (simple-user, full-repository). */
final class RepoJson {

    private static final String[][] REPO_URL_TEMPLATES = {
            {"archive_url", "/{archive_format}{/ref}"}, {"assignees_url", "/assignees{/user}"},
            {"blobs_url", "/git/blobs{/sha}"}, {"branches_url", "/branches{/branch}"},
            {"collaborators_url", "/collaborators{/collaborator}"}, {"comments_url", "/comments{/number}"},
            {"commits_url", "/commits{/sha}"}, {"compare_url", "/compare/{base}...{head}"},
            {"contents_url", "/contents/{+path}"}, {"contributors_url", "/contributors"},
            {"deployments_url", "/deployments"}, {"downloads_url", "/downloads"}, {"events_url", "/events"},
            {"forks_url", "/forks"}, {"git_commits_url", "/git/commits{/sha}"},
            {"git_refs_url", "/git/refs{/sha}"}, {"git_tags_url", "/git/tags{/sha}"}, {"hooks_url", "/hooks"},
            {"issue_comment_url", "/issues/comments{/number}"}, {"issue_events_url", "/issues/events{/number}"},
            {"issues_url", "/issues{/number}"}, {"keys_url", "/keys{/key_id}"}, {"labels_url", "/labels{/name}"},
            {"languages_url", "/languages"}, {"merges_url", "/merges"},
            {"milestones_url", "/milestones{/number}"},
            {"notifications_url", "/notifications{?since,all,participating}"}, {"pulls_url", "/pulls{/number}"},
            {"releases_url", "/releases{/id}"}, {"stargazers_url", "/stargazers"},
            {"statuses_url", "/statuses/{sha}"}, {"subscribers_url", "/subscribers"},
            {"subscription_url", "/subscription"}, {"tags_url", "/tags"}, {"teams_url", "/teams"},
            {"trees_url", "/git/trees{/sha}"}};

    private RepoJson() {
    }

    static ObjectNode user(FakeState state, String login) {
        String api = state.apiUrl + "/users/" + login;
        long id = state.userId(login);
        boolean bot = login.endsWith("[bot]");
        ObjectNode user = Json.object()
                .put("login", login)
                .put("id", id)
                .put("node_id", Json.nodeId(bot ? "BOT" : "U", id))
                .put("avatar_url", state.apiUrl + "/avatars/u/" + id)
                .put("gravatar_id", "")
                .put("url", api)
                .put("html_url", state.apiUrl + "/" + login)
                .put("followers_url", api + "/followers")
                .put("following_url", api + "/following{/other_user}")
                .put("gists_url", api + "/gists{/gist_id}")
                .put("starred_url", api + "/starred{/owner}{/repo}")
                .put("subscriptions_url", api + "/subscriptions")
                .put("organizations_url", api + "/orgs")
                .put("repos_url", api + "/repos")
                .put("events_url", api + "/events{/privacy}")
                .put("received_events_url", api + "/received_events")
                .put("type", bot ? "Bot" : "User")
                .put("user_view_type", "public")
                .put("site_admin", false);
        return user;
    }

    static String apiUrl(FakeState state, HostedRepo repo) {
        return state.apiUrl + "/repos/" + repo.fullName();
    }

    static String htmlUrl(FakeState state, HostedRepo repo) {
        return state.apiUrl + "/" + repo.fullName();
    }

    static String cloneUrl(FakeState state, HostedRepo repo) {
        return state.apiUrl + "/" + repo.fullName() + ".git";
    }

    /** The full-repository shape (a superset of the repository shape used inside pull requests). */
    static ObjectNode repository(FakeState state, HostedRepo repo) {
        String api = apiUrl(state, repo);
        String html = htmlUrl(state, repo);
        long openIssues = state.select(state.issues, i -> i.repo().equals(repo.fullName()) && "open".equals(i.state())).size()
                + state.select(state.pulls, p -> p.repo().equals(repo.fullName()) && "open".equals(p.state())).size();
        ObjectNode node = Json.object()
                .put("id", repo.id)
                .put("node_id", Json.nodeId("R", repo.id))
                .put("name", repo.name)
                .put("full_name", repo.fullName())
                .put("private", repo.privateRepo)
                .put("visibility", repo.privateRepo ? "private" : "public");
        node.set("owner", user(state, repo.owner));
        node.put("html_url", html).put("description", "Hosted by the fake GitHub").put("fork", false).put("url", api);
        for (String[] template : REPO_URL_TEMPLATES) {
            node.put(template[0], api + template[1]);
        }
        Json.time(node, "created_at", repo.createdAt);
        Json.time(node, "updated_at", repo.createdAt);
        Json.time(node, "pushed_at", repo.createdAt);
        node.put("git_url", cloneUrl(state, repo))
                .put("ssh_url", "git@127.0.0.1:" + repo.fullName() + ".git")
                .put("clone_url", cloneUrl(state, repo))
                .put("svn_url", html)
                .putNull("homepage")
                .putNull("mirror_url")
                .putNull("language")
                .putNull("license")
                .put("size", 0).put("stargazers_count", 0).put("watchers_count", 0).put("watchers", 0)
                .put("forks_count", 0).put("forks", 0).put("network_count", 0).put("subscribers_count", 0)
                .put("open_issues_count", openIssues).put("open_issues", openIssues)
                .put("has_issues", true).put("has_projects", false).put("has_downloads", true)
                .put("has_wiki", false).put("has_pages", false).put("has_discussions", false)
                .put("archived", false).put("disabled", false).put("is_template", false)
                .put("allow_forking", true).put("web_commit_signoff_required", false)
                .put("default_branch", repo.defaultBranch);
        node.putArray("topics");
        node.putObject("permissions").put("admin", false).put("maintain", false).put("push", true)
                .put("triage", true).put("pull", true);
        return node;
    }

    static ObjectNode label(FakeState state, HostedRepo repo, String name) {
        long id = Math.abs((long) (repo.fullName() + "/" + name).hashCode()) + 1;
        return Json.object()
                .put("id", id)
                .put("node_id", Json.nodeId("LA", id))
                .put("url", apiUrl(state, repo) + "/labels/" + name.replace(" ", "%20"))
                .put("name", name)
                .putNull("description")
                .put("color", "ededed")
                .put("default", false);
    }
}
