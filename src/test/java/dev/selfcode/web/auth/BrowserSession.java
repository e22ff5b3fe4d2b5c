package dev.selfcode.web.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does for these tests, over plain HTTP: keeps cookies, follows redirects one hop at a time (so the
 * test sees each), posts forms with their hidden anti-forgery field.
 */
final class BrowserSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI root;
    /** Every URL a redirect sent this browser to, in order. */
    final List<String> redirects = new ArrayList<>();

    BrowserSession(URI root) {
        this.root = root;
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET());
    }

    /** GET, then every redirect, until an answer that is not one; returns that answer. */
    HttpResponse<String> follow(String pathOrUrl) {
        HttpResponse<String> response = get(pathOrUrl);
        for (int hop = 0; hop < 10 && response.statusCode() / 100 == 3; hop++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            URI next = response.uri().resolve(location);
            redirects.add(next.toString());
            response = get(next.toString());
        }
        return response;
    }

    /** GET with an Authorization header. */
    HttpResponse<String> send(String path, String authorization) {
        return send(HttpRequest.newBuilder(resolve(path)).header("Authorization", authorization).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The anti-forgery value of the login page's forms (GET /login sets its cookie too). */
    String csrfFromLoginPage() {
        Matcher m = CSRF_FIELD.matcher(get("/login").body());
        if (!m.find()) {
            throw new AssertionError("no anti-forgery field on /login");
        }
        return m.group(1);
    }

    Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    private URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : root.resolve(pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
