package dev.selfcode.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** One REST route of the fake GitHub: a method, a path template such as /repos/{owner}/{repo}/pulls/{number}. */
record Route(String name, String method, Pattern pattern, List<String> params, Auth auth, Handler handler) {

    /** Who may call a route. */
    enum Auth {
        /** A valid app JWT (Bearer). */
        APP,
        /** A valid installation token whose installation holds the {owner}/{repo} of the path. */
        INSTALLATION,
        /** Anybody; a credential, when sent, must be valid. */
        OPTIONAL,
        /** A valid user access token (from the OAuth flow of "Log in with GitHub"). */
        USER
    }

    /** Answers a matched request; throws {@link GitHubError} for error answers. */
    interface Handler {

        Answer handle(FakeExchange exchange);
    }

    /** A JSON answer, with extra headers (a redirect's Location). */
    record Answer(int status, JsonNode body, Map<String, String> headers) {

        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }

        static Answer redirect(String location) {
            return new Answer(302, null, Map.of("Location", location));
        }

        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }

        static Answer created(JsonNode body) {
            return new Answer(201, body);
        }

        static Answer noContent() {
            return new Answer(204, null);
        }
    }

    /**
     * Builds a route from a template: {name} matches one path segment, {name+} the rest of the path (slashes
     * included), as GitHub's contents and refs paths need.
     */
    static Route of(String method, String template, Auth auth, Handler handler) {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)(\\+?)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            params.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(method + " " + template, method, Pattern.compile(regex.toString()), List.copyOf(params), auth,
                handler);
    }
}
