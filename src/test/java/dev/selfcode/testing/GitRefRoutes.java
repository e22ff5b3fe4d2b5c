package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.INSTALLATION;

import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the git references API, backed by the refs of the hosted bare repository. */
final class GitRefRoutes {

    private GitRefRoutes() {
    }

    static void register(FakeRouter router) {
        String refs = "/repos/{owner}/{repo}/git/refs";
        router.add(Route.of("GET", "/repos/{owner}/{repo}/git/ref/{ref+}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String full = "refs/" + RepoRoutes.trimSlashes(ex.param("ref"));
            String sha = repo.git.refs(full).get(full);
            if (sha == null) {
                throw GitHubError.notFound();
            }
            return Answer.ok(GitJson.ref(ex.state, repo, full, sha));
        }));
        router.add(Route.of("GET", refs, INSTALLATION, ex -> Answer.ok(list(ex, ex.repo(), "refs/"))));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref+}", INSTALLATION,
                ex -> Answer.ok(list(ex, ex.repo(), "refs/" + RepoRoutes.trimSlashes(ex.param("ref"))))));
        // Like GitHub: an exact match answers one ref, otherwise every ref that starts with the name, else 404.
        router.add(Route.of("GET", refs + "/{ref+}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String full = "refs/" + RepoRoutes.trimSlashes(ex.param("ref"));
            Map<String, String> matching = repo.git.refs(full);
            if (matching.containsKey(full)) {
                return Answer.ok(GitJson.ref(ex.state, repo, full, matching.get(full)));
            }
            if (matching.isEmpty()) {
                throw GitHubError.notFound();
            }
            return Answer.ok(list(ex, repo, full));
        }));
        router.add(Route.of("POST", refs, INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            ObjectNode body = ex.json();
            String full = ex.required(body, "Reference", "ref");
            if (!full.startsWith("refs/") || full.chars().filter(c -> c == '/').count() < 2
                    || !Repository.isValidRefName(full)) {
                throw GitHubError.unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
            }
            ObjectId target = existingCommit(repo, ex.required(body, "Reference", "sha"));
            if (repo.git.resolve(full) != null) {
                throw GitHubError.unprocessable("Reference already exists");
            }
            if (!repo.git.setRef(full, target, null, false)) {
                throw GitHubError.unprocessable("Reference already exists");
            }
            return Answer.created(GitJson.ref(ex.state, repo, full, target.name()));
        }));
        router.add(Route.of("PATCH", refs + "/{ref+}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String full = "refs/" + RepoRoutes.trimSlashes(ex.param("ref"));
            ObjectNode body = ex.json();
            ObjectId old = repo.git.refs(full).containsKey(full) ? repo.git.resolve(full) : null;
            if (old == null) {
                throw GitHubError.unprocessable("Reference does not exist");
            }
            ObjectId target = existingCommit(repo, ex.required(body, "Reference", "sha"));
            JsonNode force = body.get("force");
            boolean forced = force != null && force.asBoolean(false);
            if (!forced && !repo.git.isAncestor(old, target)) {
                throw GitHubError.unprocessable("Update is not a fast forward");
            }
            if (!repo.git.setRef(full, target, old, true)) {
                throw new GitHubError(409, "Reference update failed: it moved meanwhile");
            }
            return Answer.ok(GitJson.ref(ex.state, repo, full, target.name()));
        }));
        router.add(Route.of("DELETE", refs + "/{ref+}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String full = "refs/" + RepoRoutes.trimSlashes(ex.param("ref"));
            ObjectId old = repo.git.refs(full).containsKey(full) ? repo.git.resolve(full) : null;
            if (old == null) {
                throw GitHubError.unprocessable("Reference does not exist");
            }
            repo.git.setRef(full, null, old, true);
            return Answer.noContent();
        }));
    }

    private static ArrayNode list(FakeExchange ex, HostedRepo repo, String prefix) {
        ArrayNode list = Json.array();
        repo.git.refs(prefix).forEach((name, sha) -> list.add(GitJson.ref(ex.state, repo, name, sha)));
        return list;
    }

    private static ObjectId existingCommit(HostedRepo repo, String sha) {
        if (!ObjectId.isId(sha) || repo.git.commit(ObjectId.fromString(sha)) == null) {
            throw GitHubError.unprocessable("Object does not exist");
        }
        return ObjectId.fromString(sha);
    }
}
