package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.INSTALLATION;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the repositories API: the repository, contents, branches, commits, collaborator permissions. */
final class RepoRoutes {

    private RepoRoutes() {
    }

    static void register(FakeRouter router) {
        router.add(Route.of("GET", "/repos/{owner}/{repo}", INSTALLATION,
                ex -> Answer.ok(RepoJson.repository(ex.state, ex.repo()))));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/contents", INSTALLATION, ex -> contents(ex, "")));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/contents/", INSTALLATION, ex -> contents(ex, "")));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/contents/{path+}", INSTALLATION,
                ex -> contents(ex, trimSlashes(ex.param("path")))));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/branches/{branch+}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            ObjectId id = repo.git.resolve("refs/heads/" + ex.param("branch"));
            if (id == null) {
                throw new GitHubError(404, "Branch not found");
            }
            return Answer.ok(GitJson.branch(ex.state, repo, ex.param("branch"), repo.git.commit(id)));
        }));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/commits/{ref+}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            return Answer.ok(GitJson.commit(ex.state, repo, commitAt(repo, ex.param("ref"))));
        }));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/collaborators/{user}/permission", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String role = repo.role(ex.param("user"));
            ObjectNode user = RepoJson.user(ex.state, ex.param("user")).put("role_name", role);
            String permission = HostedRepo.permissionOf(role);
            user.putObject("permissions").put("admin", permission.equals("admin"))
                    .put("maintain", role.equals("maintain") || permission.equals("admin"))
                    .put("push", permission.equals("admin") || permission.equals("write"))
                    .put("triage", !permission.equals("none") && !role.equals("read"))
                    .put("pull", !permission.equals("none"));
            ObjectNode answer = Json.object().put("permission", permission).put("role_name", role);
            answer.set("user", user);
            return Answer.ok(answer);
        }));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/collaborators/{user}", INSTALLATION, ex -> {
            if ("none".equals(HostedRepo.permissionOf(ex.repo().role(ex.param("user"))))) {
                throw GitHubError.notFound();
            }
            return Answer.noContent();
        }));
    }

    static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** The commit a ref, branch or SHA names; GitHub's 422 "No commit found" otherwise. */
    static RevCommit commitAt(HostedRepo repo, String ref) {
        ObjectId id = repo.git.resolve(ref);
        RevCommit commit = id == null ? null : repo.git.commit(id);
        if (commit == null) {
            throw GitHubError.unprocessable("No commit found for SHA: " + ref);
        }
        return commit;
    }

    private static Answer contents(FakeExchange ex, String path) {
        HostedRepo repo = ex.repo();
        String ref = ex.query("ref", repo.defaultBranch);
        ObjectId commit = repo.git.resolve(ref);
        if (commit == null) {
            throw new GitHubError(404, "No commit found for the ref " + ref);
        }
        if (path.contains("..")) {
            throw GitHubError.notFound();
        }
        var entries = repo.git.listDirectory(commit, path);
        if (entries != null) {
            ArrayNode list = Json.array();
            entries.forEach(entry -> list.add(GitJson.content(ex.state, repo, ref, entry, null)));
            return Answer.ok(list);
        }
        byte[] bytes = path.isEmpty() ? null : repo.git.readFile(commit, path);
        if (bytes == null) {
            throw GitHubError.notFound();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String blob = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name();
        HostedGit.Entry entry = new HostedGit.Entry(path, name, false, blob, bytes.length);
        return Answer.ok(GitJson.content(ex.state, repo, ref, entry, bytes));
    }
}
