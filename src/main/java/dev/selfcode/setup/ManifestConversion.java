package dev.selfcode.setup;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Exchanges the code GitHub redirects back with for the new App's credentials ({@code POST /app-manifests/{code}/conversions}). */
final class ManifestConversion {

    /** GitHub answered, but not with an App: a wrong, used or expired code. */
    static final class Refused extends Exception {

        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String apiUrl;

    /** @param apiUrl the REST API root, https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server */
    ManifestConversion(String apiUrl) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    AppCredentials exchange(String code) throws IOException, InterruptedException, Refused {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/app-manifests/"
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "/conversions"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28").POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (response.statusCode() != 201) {
            String message = body.path("message").asText("");
            throw new Refused(response.statusCode(), "GitHub answered " + response.statusCode()
                    + (message.isEmpty() ? "" : " (" + message + ")"));
        }
        try {
            return AppCredentials.fromConversion(body);
        } catch (IllegalArgumentException e) {
            throw new Refused(response.statusCode(), e.getMessage());
        }
    }
}
