package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.INSTALLATION;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the reactions API, on issue comments and on issues (and pull requests). */
final class ReactionRoutes {

    private ReactionRoutes() {
    }

    static void register(FakeRouter router, String comment, String issue) {
        router.add(Route.of("POST", comment + "/reactions", INSTALLATION, ex -> {
            FakeComment target = IssueRoutes.comment(ex);
            return react(ex, target.id(), target.issueNumber(), r -> r.onComment(target.id()));
        }));
        router.add(Route.of("GET", comment + "/reactions", INSTALLATION, ex -> {
            FakeComment target = IssueRoutes.comment(ex);
            return list(ex, r -> r.onComment(target.id()));
        }));
        router.add(Route.of("DELETE", comment + "/reactions/{reaction}", INSTALLATION, ex -> {
            FakeComment target = IssueRoutes.comment(ex);
            return delete(ex, r -> r.onComment(target.id()));
        }));
        router.add(Route.of("POST", issue + "/reactions", INSTALLATION, ex -> {
            int number = issueNumber(ex);
            return react(ex, 0, number, r -> r.onIssue(number));
        }));
        router.add(Route.of("GET", issue + "/reactions", INSTALLATION, ex -> {
            int number = issueNumber(ex);
            return list(ex, r -> r.onIssue(number));
        }));
        router.add(Route.of("DELETE", issue + "/reactions/{reaction}", INSTALLATION, ex -> {
            int number = issueNumber(ex);
            return delete(ex, r -> r.onIssue(number));
        }));
    }

    private static int issueNumber(FakeExchange ex) {
        int number = ex.number("number");
        IssueRoutes.issueJson(ex, ex.repo(), number);
        return number;
    }

    /** GitHub answers 201 for a new reaction and 200 with the existing one when the same user repeats it. */
    private static Answer react(FakeExchange ex, long commentId, int issueNumber, Predicate<FakeReaction> target) {
        String content = ex.required(ex.json(), "Reaction", "content");
        if (!IssueRoutes.REACTIONS.contains(content)) {
            throw GitHubError.invalid("Reaction", "content", "invalid");
        }
        String repo = ex.repo().fullName();
        List<FakeReaction> same = ex.state.select(ex.state.reactions, r -> r.repo().equals(repo) && target.test(r)
                && r.content().equals(content) && r.user().equals(ex.actor()));
        if (!same.isEmpty()) {
            return Answer.ok(IssueJson.reaction(ex.state, same.get(0)));
        }
        FakeReaction reaction = new FakeReaction(ex.state.nextId(), repo, commentId, issueNumber, content, ex.actor(),
                FakeState.now());
        ex.state.reactions.put(reaction.id(), reaction);
        return Answer.created(IssueJson.reaction(ex.state, reaction));
    }

    private static Answer list(FakeExchange ex, Predicate<FakeReaction> target) {
        String repo = ex.repo().fullName();
        String content = ex.query("content", null);
        ArrayNode list = Json.array();
        ex.state.select(ex.state.reactions, r -> r.repo().equals(repo) && target.test(r)
                && (content == null || r.content().equals(content)))
                .forEach(r -> list.add(IssueJson.reaction(ex.state, r)));
        return Answer.ok(list);
    }

    private static Answer delete(FakeExchange ex, Predicate<FakeReaction> target) {
        FakeReaction reaction = ex.state.reactions.get(ex.id("reaction"));
        if (reaction == null || !reaction.repo().equals(ex.repo().fullName()) || !target.test(reaction)) {
            throw GitHubError.notFound();
        }
        ex.state.reactions.remove(reaction.id());
        return Answer.noContent();
    }
}
