package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A maintainer's one click, as a browser does it: reads the server's setup page, lets the fake GitHub confirm the
 * manifest the page would post (with the page's one-time state), and follows GitHub's redirect back to the server.
 */
public final class OneClickSetup {

    private static final Pattern FORM = Pattern.compile("<form action=\"[^\"]*\\?state=([0-9a-f]{64})\"");
    private static final Pattern MANIFEST = Pattern.compile("name=\"manifest\" value=\"([^\"]*)\"");

    private OneClickSetup() {
    }

    /** Registers the App of the server at {@code serverUrl} on {@code fake}; the callback page's answer. */
    public static HttpResponse<String> register(FakeGitHub fake, String serverUrl)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get(serverUrl + "/setup");
        Matcher form = FORM.matcher(page.body());
        Matcher manifest = MANIFEST.matcher(page.body());
        assertThat(form.find() && manifest.find()).as(page.body()).isTrue();
        String callback = fake.confirmManifest(manifest.group(1).replace("&quot;", "\"").replace("&amp;", "&"),
                form.group(1));
        return get(callback);
    }

    /** The webhook secret the setup wrote to {@code dataDir}'s credentials file. */
    public static String webhookSecret(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("github-app.env")).stream()
                .filter(l -> l.startsWith("QUARKUS_GITHUB_APP_WEBHOOK_SECRET=")).findFirst().orElseThrow()
                .substring("QUARKUS_GITHUB_APP_WEBHOOK_SECRET=".length());
    }

    /** A GET on a connection of its own (a reused one may be closed under it, and the retry would repeat it). */
    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
