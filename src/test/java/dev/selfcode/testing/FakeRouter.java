package dev.selfcode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The fake GitHub's front door: sends git smart-HTTP to {@link GitSmartHttp}, injects failures, checks credentials,
 * runs the REST route that matches (under the state's lock) and logs every request.
 */
final class FakeRouter implements HttpHandler {

    /** A failure to answer instead of the next {@code remaining} requests that match. */
    private static final class Failure {

        final String method;
        final Pattern path;
        final int status;
        int remaining;

        Failure(String method, Pattern path, int status, int remaining) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.remaining = remaining;
        }
    }

    private static final int MAX_BODY = 8 * 1024 * 1024;
    private static final Pattern GIT_PATH = Pattern.compile("^/([^/]+)/([^/]+?)\\.git/(.*)$");

    private final FakeState state;
    private final GitSmartHttp git;
    private final List<Route> routes = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    final List<RecordedRequest> log = new CopyOnWriteArrayList<>();

    FakeRouter(FakeState state, GitSmartHttp git) {
        this.state = state;
        this.git = git;
    }

    void add(Route route) {
        routes.add(route);
    }

    synchronized void failNext(String method, String pathRegex, int times, int status) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, times));
    }

    private synchronized Failure takeFailure(String method, String path) {
        for (Failure failure : failures) {
            if (failure.remaining > 0 && failure.method.equalsIgnoreCase(method) && failure.path.matcher(path).matches()) {
                failure.remaining--;
                return failure;
            }
        }
        return null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        try (exchange) {
            Failure failure = takeFailure(method, path);
            if (failure != null) {
                exchange.getRequestBody().readAllBytes();
                String message = failure.status >= 500 ? "Server Error" : "Injected failure";
                // Logged before answering, so a test that looks right after its call sees it.
                log.add(new RecordedRequest(method, path, query, "", failure.status, "injected", true, Instant.now()));
                send(exchange, failure.status, new GitHubError(failure.status, message).body().toString());
                return;
            }
            Matcher gitPath = GIT_PATH.matcher(path);
            if (gitPath.matches()) {
                git.handle(exchange, gitPath.group(1), gitPath.group(2), gitPath.group(3), status -> log.add(
                        new RecordedRequest(method, path, query, "", status, "git " + gitPath.group(3), false, Instant.now())));
                return;
            }
            String body = readBody(exchange.getRequestBody());
            Route.Answer answer;
            String routeName = null;
            try {
                if (body == null) {
                    throw new GitHubError(413, "Request body over " + MAX_BODY + " bytes");
                }
                Route route = null;
                Matcher matcher = null;
                for (Route candidate : routes) {
                    Matcher m = candidate.pattern().matcher(path);
                    if (candidate.method().equals(method) && m.matches()) {
                        route = candidate;
                        matcher = m;
                        break;
                    }
                }
                if (route == null) {
                    throw GitHubError.notFound();
                }
                routeName = route.name();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                long installation = Credentials.check(state, route, matcher, authorization);
                FakeExchange fake = new FakeExchange(state, method, route, matcher, query, body, installation,
                        route.auth() == Route.Auth.USER ? Credentials.userOf(state, authorization) : null);
                synchronized (state) {
                    answer = route.handler().handle(fake);
                }
            } catch (GitHubError e) {
                answer = new Route.Answer(e.status, e.body());
            } catch (RuntimeException e) {
                answer = new Route.Answer(500, new GitHubError(500, "Fake GitHub failed: " + e).body());
            }
            log.add(new RecordedRequest(method, path, query, body, answer.status(), routeName, false, Instant.now()));
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            send(exchange, answer.status(), answer.body() == null ? null : answer.body().toString());
        }
    }

    /** The body as text, or null when it is over the cap (the rest is drained so the answer can go out). */
    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void send(HttpExchange exchange, int status, String body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("X-GitHub-Media-Type", "github.v3; format=json");
        headers.set("X-RateLimit-Limit", "5000");
        headers.set("X-RateLimit-Remaining", "4999");
        headers.set("X-RateLimit-Used", "1");
        headers.set("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()));
        headers.set("X-RateLimit-Resource", "core");
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
