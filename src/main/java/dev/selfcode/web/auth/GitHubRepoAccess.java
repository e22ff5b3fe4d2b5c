package dev.selfcode.web.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks GitHub, with the user's own token from "Log in with GitHub", which repositories of this App's installations
 * they may read and write: {@code GET /user/installations}, then {@code GET /user/installations/{id}/repositories}
 * for each, whose entries carry the user's {@code permissions}. A user token of a GitHub App sees only that App's
 * installations, and only repositories the user has explicit access to; repositories used only through the CLI are
 * in no installation, so never in the answer.
 */
@ApplicationScoped
class GitHubRepoAccess {

    private static final int PER_PAGE = 100;
    /** A bound on pages per listing: 10,000 repositories or installations is past any real install. */
    private static final int MAX_PAGES = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.github-app.instance-endpoint", defaultValue = "https://api.github.com")
    String api;

    RepoAccess fetch(String userToken) throws IOException, InterruptedException {
        Set<String> read = new TreeSet<>();
        Set<String> write = new HashSet<>();
        for (JsonNode installation : all("/user/installations", "installations", userToken)) {
            String repos = "/user/installations/" + installation.path("id").asLong() + "/repositories";
            for (JsonNode repo : all(repos, "repositories", userToken)) {
                JsonNode permissions = repo.path("permissions");
                String name = repo.path("full_name").asText("").toLowerCase(Locale.ROOT);
                if (name.isEmpty() || !permissions.path("pull").asBoolean(false)) {
                    continue;
                }
                read.add(name);
                if (permissions.path("push").asBoolean(false) || permissions.path("maintain").asBoolean(false)
                        || permissions.path("admin").asBoolean(false)) {
                    write.add(name);
                }
            }
        }
        return new RepoAccess(new TreeSet<>(read), write);
    }

    /** Every element of a paged listing whose page is {@code {"total_count": n, field: [...]}}. */
    private List<JsonNode> all(String path, String field, String token) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode answer = get(path + "?per_page=" + PER_PAGE + "&page=" + page, token);
            JsonNode list = answer.path(field);
            list.forEach(items::add);
            if (list.size() < PER_PAGE || items.size() >= answer.path("total_count").asInt(0)) {
                break;
            }
        }
        return items;
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        String root = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // The status and path only: the token never goes into a message or a log.
            throw new IOException("GitHub answered " + response.statusCode() + " to GET " + path);
        }
        return json.readTree(response.body());
    }
}
