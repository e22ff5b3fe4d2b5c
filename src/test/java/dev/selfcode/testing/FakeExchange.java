package dev.selfcode.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A matched REST request as route handlers see it: path parameters, query, JSON body, the caller. */
final class FakeExchange {

    final FakeState state;
    final String method;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, String> query;
    private final String body;
    /** The installation of the caller's token, or 0 for an app JWT or an anonymous call. */
    final long installationId;
    /** The login of a user token's owner, on {@link Route.Auth#USER} routes. */
    final String user;

    FakeExchange(FakeState state, String method, Route route, Matcher matcher, String rawQuery, String body,
            long installationId, String user) {
        this.state = state;
        this.method = method;
        List<String> names = route.params();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), decode(matcher.group(i + 1)));
        }
        this.query = parseQuery(rawQuery);
        this.body = body;
        this.installationId = installationId;
        this.user = user;
    }

    /** The body's fields when it is a form ({@code application/x-www-form-urlencoded}). */
    Map<String, String> form() {
        return parseQuery(body);
    }

    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    String param(String name) {
        return params.get(name);
    }

    int number(String name) {
        try {
            return Integer.parseInt(params.get(name));
        } catch (NumberFormatException e) {
            throw GitHubError.notFound();
        }
    }

    long id(String name) {
        try {
            return Long.parseLong(params.get(name));
        } catch (NumberFormatException e) {
            throw GitHubError.notFound();
        }
    }

    String query(String name, String fallback) {
        return query.getOrDefault(name, fallback);
    }

    /** The request body as a JSON object; a 400 like GitHub's "Problems parsing JSON" otherwise. */
    ObjectNode json() {
        try {
            JsonNode node = body == null || body.isBlank() ? Json.object() : Json.MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new GitHubError(400, "Problems parsing JSON");
    }

    /** A required text field of the body; a 422 naming it when missing. */
    String required(ObjectNode json, String resource, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw GitHubError.invalid(resource, field, "missing_field");
        }
        return value.asText();
    }

    /** The repository of the path ({owner}/{repo}); 404 when unknown. */
    HostedRepo repo() {
        HostedRepo repo = state.repo(param("owner"), param("repo"));
        if (repo == null) {
            throw GitHubError.notFound();
        }
        return repo;
    }

    /** Who acts: the app's bot for installation tokens. */
    String actor() {
        return state.botLogin();
    }
}
