package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.INSTALLATION;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the issues API: issues, labels, comments and reactions (pull requests count as issues here). */
final class IssueRoutes {

    static final Set<String> REACTIONS = Set.of("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes");

    private IssueRoutes() {
    }

    static void register(FakeRouter router) {
        String issue = "/repos/{owner}/{repo}/issues/{number}";
        String comment = "/repos/{owner}/{repo}/issues/comments/{id}";
        router.add(Route.of("POST", "/repos/{owner}/{repo}/issues", INSTALLATION, ex -> {
            ObjectNode body = ex.json();
            FakeIssue created = createIssue(ex.state, ex.repo(), ex.required(body, "Issue", "title"),
                    Json.text(body, "body", null), ex.actor(), labels(body));
            return Answer.created(IssueJson.issue(ex.state, ex.repo(), created));
        }));
        router.add(Route.of("GET", issue, INSTALLATION, ex -> Answer.ok(issueJson(ex, ex.repo(), ex.number("number")))));
        router.add(Route.of("PATCH", issue, INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            int number = ex.number("number");
            ObjectNode body = ex.json();
            FakeIssue old = ex.state.issue(repo.fullName(), number);
            if (old != null) {
                FakeIssue edited = old.withFields(Json.text(body, "title", old.title()), Json.text(body, "body", old.body()),
                        state(body, old.state()), FakeState.now());
                ex.state.put(body.has("labels") ? edited.withLabels(labels(body), FakeState.now()) : edited);
            } else {
                FakePull pull = PullRoutes.pull(ex, repo, number);
                ex.state.put(pull.withFields(Json.text(body, "title", pull.title()), Json.text(body, "body", pull.body()),
                        state(body, pull.state()), pull.base(), FakeState.now()));
            }
            return Answer.ok(issueJson(ex, repo, number));
        }));
        router.add(Route.of("GET", issue + "/comments", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            int number = ex.number("number");
            issueJson(ex, repo, number);
            ArrayNode list = Json.array();
            ex.state.select(ex.state.comments, c -> c.repo().equals(repo.fullName()) && c.issueNumber() == number)
                    .forEach(c -> list.add(IssueJson.comment(ex.state, repo, c)));
            return Answer.ok(list);
        }));
        router.add(Route.of("POST", issue + "/comments", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            int number = ex.number("number");
            issueJson(ex, repo, number);
            String body = ex.required(ex.json(), "IssueComment", "body");
            FakeComment created = new FakeComment(ex.state.nextId(), repo.fullName(), number, body, ex.actor(),
                    FakeState.now(), FakeState.now());
            ex.state.comments.put(created.id(), created);
            return Answer.created(IssueJson.comment(ex.state, repo, created));
        }));
        router.add(Route.of("GET", comment, INSTALLATION,
                ex -> Answer.ok(IssueJson.comment(ex.state, ex.repo(), comment(ex)))));
        router.add(Route.of("PATCH", comment, INSTALLATION, ex -> {
            FakeComment edited = comment(ex).withBody(ex.required(ex.json(), "IssueComment", "body"), FakeState.now());
            ex.state.comments.put(edited.id(), edited);
            return Answer.ok(IssueJson.comment(ex.state, ex.repo(), edited));
        }));
        router.add(Route.of("DELETE", comment, INSTALLATION, ex -> {
            ex.state.comments.remove(comment(ex).id());
            return Answer.noContent();
        }));
        router.add(Route.of("POST", "/repos/{owner}/{repo}/issues/{number}/labels", INSTALLATION,
                ex -> setLabels(ex, true)));
        router.add(Route.of("PUT", "/repos/{owner}/{repo}/issues/{number}/labels", INSTALLATION,
                ex -> setLabels(ex, false)));
        router.add(Route.of("DELETE", "/repos/{owner}/{repo}/issues/{number}/labels/{name}", INSTALLATION, ex -> {
            List<String> current = currentLabels(ex);
            if (!current.remove(ex.param("name"))) {
                throw new GitHubError(404, "Label does not exist");
            }
            return writeLabels(ex, current);
        }));
        ReactionRoutes.register(router, comment, issue);
    }

    static FakeIssue createIssue(FakeState state, HostedRepo repo, String title, String body, String user,
            List<String> labels) {
        FakeIssue created = new FakeIssue(state.nextId(), repo.fullName(), repo.nextNumber(), title, body, user, "open",
                labels, FakeState.now(), FakeState.now(), null);
        state.put(created);
        return created;
    }

    /** The issue (or pull request seen as an issue) of the path; 404 when there is none. */
    static ObjectNode issueJson(FakeExchange ex, HostedRepo repo, int number) {
        FakeIssue issue = ex.state.issue(repo.fullName(), number);
        return issue != null
                ? IssueJson.issue(ex.state, repo, issue)
                : IssueJson.issue(ex.state, repo, PullRoutes.pull(ex, repo, number));
    }

    static FakeComment comment(FakeExchange ex) {
        FakeComment comment = ex.state.comments.get(ex.id("id"));
        if (comment == null || !comment.repo().equals(ex.repo().fullName())) {
            throw GitHubError.notFound();
        }
        return comment;
    }

    private static String state(JsonNode body, String fallback) {
        String state = Json.text(body, "state", fallback);
        if (!state.equals("open") && !state.equals("closed")) {
            throw GitHubError.invalid("Issue", "state", "invalid");
        }
        return state;
    }

    private static List<String> labels(JsonNode body) {
        List<String> labels = new ArrayList<>();
        for (JsonNode label : body.path("labels")) {
            String name = label.isTextual() ? label.asText() : label.path("name").asText("");
            if (!name.isEmpty() && !labels.contains(name)) {
                labels.add(name);
            }
        }
        return labels;
    }

    private static List<String> currentLabels(FakeExchange ex) {
        HostedRepo repo = ex.repo();
        int number = ex.number("number");
        FakeIssue issue = ex.state.issue(repo.fullName(), number);
        return new ArrayList<>(issue != null ? issue.labels() : PullRoutes.pull(ex, repo, number).labels());
    }

    private static Answer setLabels(FakeExchange ex, boolean add) {
        List<String> current = currentLabels(ex); // 404 when there is no such issue
        List<String> labels = add ? current : new ArrayList<>();
        for (String label : labels(ex.json())) {
            if (!labels.contains(label)) {
                labels.add(label);
            }
        }
        return writeLabels(ex, labels);
    }

    private static Answer writeLabels(FakeExchange ex, List<String> labels) {
        HostedRepo repo = ex.repo();
        int number = ex.number("number");
        FakeIssue issue = ex.state.issue(repo.fullName(), number);
        if (issue != null) {
            ex.state.put(issue.withLabels(labels, FakeState.now()));
        } else {
            ex.state.put(PullRoutes.pull(ex, repo, number).withLabels(labels, FakeState.now()));
        }
        ArrayNode list = Json.array();
        labels.forEach(name -> list.add(RepoJson.label(ex.state, repo, name)));
        return Answer.ok(list);
    }
}
