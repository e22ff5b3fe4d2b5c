package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.APP;
import static dev.selfcode.testing.Route.Auth.INSTALLATION;
import static dev.selfcode.testing.Route.Auth.OPTIONAL;

import java.security.SecureRandom;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the GitHub App API: the app, its installations, installation tokens, the rate limit. */
final class AppRoutes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private AppRoutes() {
    }

    static void register(FakeRouter router) {
        router.add(Route.of("GET", "/app", APP, ex -> Answer.ok(AppJson.app(ex.state))));
        router.add(Route.of("GET", "/app/installations", APP, ex -> {
            ArrayNode list = Json.array();
            ex.state.installations.keySet().forEach(id -> list.add(AppJson.installation(ex.state, id)));
            return Answer.ok(list);
        }));
        router.add(Route.of("GET", "/app/installations/{id}", APP,
                ex -> Answer.ok(AppJson.installation(ex.state, installation(ex)))));
        router.add(Route.of("POST", "/app/installations/{id}/access_tokens", APP,
                ex -> Answer.created(AppJson.token(issueToken(ex.state, installation(ex))))));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/installation", APP,
                ex -> Answer.ok(AppJson.installation(ex.state, ex.repo().installationId))));
        router.add(Route.of("GET", "/rate_limit", OPTIONAL, ex -> Answer.ok(AppJson.rateLimit())));
        router.add(Route.of("GET", "/installation/repositories", INSTALLATION, ex -> {
            ObjectNode page = Json.object();
            ArrayNode repos = page.putArray("repositories");
            for (HostedRepo repo : ex.state.select(ex.state.repos, r -> r.installationId == ex.installationId)) {
                repos.add(RepoJson.repository(ex.state, repo));
            }
            page.put("total_count", repos.size()).put("repository_selection", "selected");
            return Answer.ok(page);
        }));
        // quarkus-github-app checks a GraphQL client's token with this query; nothing else is served.
        router.add(Route.of("POST", "/graphql", OPTIONAL, ex -> {
            if (!ex.json().path("query").asText().contains("rateLimit")) {
                throw new GitHubError(400, "The fake GitHub only answers the rateLimit GraphQL query");
            }
            ObjectNode answer = Json.object();
            answer.putObject("data").putObject("rateLimit").put("limit", 5000).put("cost", 1).put("remaining", 4999)
                    .put("resetAt", Instant.now().plusSeconds(3600).toString());
            return Answer.ok(answer);
        }));
    }

    private static long installation(FakeExchange ex) {
        long id = ex.id("id");
        if (!ex.state.installations.containsKey(id)) {
            throw GitHubError.notFound();
        }
        return id;
    }

    /** Issues an installation token valid for an hour, like GitHub's ghs_ tokens. */
    static FakeState.Grant issueToken(FakeState state, long installationId) {
        StringBuilder token = new StringBuilder("ghs_");
        for (int i = 0; i < 36; i++) {
            token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        FakeState.Grant grant = new FakeState.Grant(token.toString(), installationId,
                FakeState.now().plusSeconds(3600));
        synchronized (state) {
            state.grants.put(grant.token(), grant);
        }
        return grant;
    }
}
