package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.INSTALLATION;

import java.util.Comparator;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the pulls API: create, list, get, update, list commits, merge. Heads must be branches of the same repository. */
final class PullRoutes {

    private PullRoutes() {
    }

    static void register(FakeRouter router) {
        String pulls = "/repos/{owner}/{repo}/pulls";
        router.add(Route.of("POST", pulls, INSTALLATION, ex -> Answer.created(
                PullJson.pull(ex.state, ex.repo(), create(ex, ex.repo(), ex.json())))));
        router.add(Route.of("GET", pulls, INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String state = ex.query("state", "open");
            String head = ex.query("head", null);
            String base = ex.query("base", null);
            List<FakePull> found = ex.state.select(ex.state.pulls, p -> p.repo().equals(repo.fullName())
                    && (state.equals("all") || p.state().equals(state))
                    && (head == null || head.equals(repo.owner + ":" + p.head()))
                    && (base == null || base.equals(p.base())));
            Comparator<FakePull> order = Comparator.comparingInt(FakePull::number);
            found.sort("asc".equals(ex.query("direction", "desc")) ? order : order.reversed());
            ArrayNode list = Json.array();
            found.forEach(p -> list.add(PullJson.pull(ex.state, repo, p)));
            return Answer.ok(list);
        }));
        router.add(Route.of("GET", pulls + "/{number}", INSTALLATION,
                ex -> Answer.ok(PullJson.pull(ex.state, ex.repo(), pull(ex, ex.repo(), ex.number("number"))))));
        router.add(Route.of("PATCH", pulls + "/{number}", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            FakePull pull = pull(ex, repo, ex.number("number"));
            ObjectNode body = ex.json();
            String state = Json.text(body, "state", pull.state());
            if (!state.equals("open") && !state.equals("closed") || pull.merged() && state.equals("open")) {
                throw GitHubError.invalid("PullRequest", "state", "invalid");
            }
            String base = Json.text(body, "base", pull.base());
            if (repo.git.resolve("refs/heads/" + base) == null) {
                throw GitHubError.invalid("PullRequest", "base", "invalid");
            }
            FakePull edited = pull.withFields(Json.text(body, "title", pull.title()), Json.text(body, "body", pull.body()),
                    state, base, FakeState.now());
            ex.state.put(edited);
            return Answer.ok(PullJson.pull(ex.state, repo, edited));
        }));
        router.add(Route.of("GET", pulls + "/{number}/commits", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            FakePull pull = pull(ex, repo, ex.number("number"));
            ArrayNode list = Json.array();
            repo.git.commitsBetween(repo.git.resolve("refs/heads/" + pull.base()),
                    ObjectId.fromString(PullJson.headSha(repo, pull)))
                    .forEach(c -> list.add(GitJson.commit(ex.state, repo, c)));
            return Answer.ok(list);
        }));
        router.add(Route.of("GET", pulls + "/{number}/merge", INSTALLATION, ex -> {
            if (!pull(ex, ex.repo(), ex.number("number")).merged()) {
                throw GitHubError.notFound();
            }
            return Answer.noContent();
        }));
        router.add(Route.of("PUT", pulls + "/{number}/merge", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            FakePull pull = pull(ex, repo, ex.number("number"));
            ObjectNode body = ex.json();
            if (!"open".equals(pull.state())) {
                throw new GitHubError(405, "Pull Request is not mergeable");
            }
            String headSha = PullJson.headSha(repo, pull);
            String expected = Json.text(body, "sha", null);
            if (expected != null && !expected.equals(headSha)) {
                throw new GitHubError(409, "Head branch was modified. Review and try the merge again.");
            }
            String method = Json.text(body, "merge_method", "merge");
            if (!List.of("merge", "squash", "rebase").contains(method)) {
                throw GitHubError.invalid("PullRequest", "merge_method", "invalid");
            }
            String sha = MergePull.merge(repo, pull, method, Json.text(body, "commit_title", null),
                    Json.text(body, "commit_message", null));
            ex.state.put(pull.withMerge(headSha, sha, FakeState.now()));
            return Answer.ok(Json.object().put("sha", sha).put("merged", true)
                    .put("message", "Pull Request successfully merged"));
        }));
    }

    static FakePull pull(FakeExchange ex, HostedRepo repo, int number) {
        FakePull pull = ex.state.pull(repo.fullName(), number);
        if (pull == null) {
            throw GitHubError.notFound();
        }
        return pull;
    }

    private static FakePull create(FakeExchange ex, HostedRepo repo, ObjectNode body) {
        String title = ex.required(body, "PullRequest", "title");
        String head = ex.required(body, "PullRequest", "head");
        String base = ex.required(body, "PullRequest", "base");
        if (head.contains(":")) {
            if (!head.startsWith(repo.owner + ":")) {
                throw GitHubError.invalid("PullRequest", "head", "invalid");
            }
            head = head.substring(head.indexOf(':') + 1);
        }
        ObjectId headId = repo.git.resolve("refs/heads/" + head);
        ObjectId baseId = repo.git.resolve("refs/heads/" + base);
        if (baseId == null) {
            throw GitHubError.invalid("PullRequest", "base", "invalid");
        }
        if (headId == null) {
            throw GitHubError.invalid("PullRequest", "head", "invalid");
        }
        String headName = head;
        if (!ex.state.select(ex.state.pulls, p -> p.repo().equals(repo.fullName()) && p.state().equals("open")
                && p.head().equals(headName) && p.base().equals(base)).isEmpty()) {
            throw GitHubError.unprocessable("A pull request already exists for " + repo.owner + ":" + head + ".");
        }
        if (repo.git.isAncestor(headId, baseId)) {
            throw GitHubError.unprocessable("No commits between " + base + " and " + head);
        }
        FakePull pull = new FakePull(ex.state.nextId(), repo.fullName(), repo.nextNumber(), title,
                Json.text(body, "body", null), ex.actor(), head, base, headId.name(), "open",
                body.path("draft").asBoolean(false), false, null, List.of(), FakeState.now(), FakeState.now(), null, null);
        ex.state.put(pull);
        return pull;
    }
}
