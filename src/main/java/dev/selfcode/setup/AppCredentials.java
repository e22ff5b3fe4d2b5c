package dev.selfcode.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What GitHub hands back for a registered manifest, and the credentials file in the data folder that holds it: one
 * {@code NAME=value} line per setting, usable as it is by {@code serve}, systemd's {@code EnvironmentFile} and
 * Compose's {@code env_file} (the private key on one line: quarkus-github-app ignores the whitespace of a PEM).
 */
public record AppCredentials(long appId, String slug, String htmlUrl, String privateKeyPem, String webhookSecret,
        String clientId, String clientSecret) {

    /** The file's name in the data folder. */
    public static final String FILE_NAME = "github-app.env";

    /** The App's OAuth client, for the dashboard's "Log in with GitHub" (dev.selfcode.web.auth). */
    public static final String CLIENT_ID = "selfcode.github-app.client-id";
    public static final String CLIENT_SECRET = "selfcode.github-app.client-secret";

    /** Environment variable to property, for the settings quarkus-github-app and the dashboard's login read. */
    static final Map<String, String> PROPERTIES = Map.of("QUARKUS_GITHUB_APP_APP_ID", "quarkus.github-app.app-id",
            "QUARKUS_GITHUB_APP_PRIVATE_KEY", "quarkus.github-app.private-key", "QUARKUS_GITHUB_APP_WEBHOOK_SECRET",
            "quarkus.github-app.webhook-secret", "SELFCODE_GITHUB_APP_CLIENT_ID", CLIENT_ID,
            "SELFCODE_GITHUB_APP_CLIENT_SECRET", CLIENT_SECRET);

    /** From the answer of {@code POST /app-manifests/{code}/conversions}. */
    static AppCredentials fromConversion(JsonNode app) {
        AppCredentials credentials = new AppCredentials(app.path("id").asLong(), app.path("slug").asText(""),
                app.path("html_url").asText(""), app.path("pem").asText(""), app.path("webhook_secret").asText(""),
                app.path("client_id").asText(""), app.path("client_secret").asText(""));
        if (credentials.appId <= 0 || credentials.privateKeyPem.isBlank() || credentials.webhookSecret.isBlank()) {
            throw new IllegalArgumentException("GitHub's answer has no app id, private key or webhook secret");
        }
        return credentials;
    }

    /** The settings as environment lines (what {@code --print-env} prints and the file holds). */
    public List<String> envLines() {
        List<String> lines = new ArrayList<>();
        lines.add("QUARKUS_GITHUB_APP_APP_ID=" + appId);
        lines.add("QUARKUS_GITHUB_APP_PRIVATE_KEY=" + privateKeyPem.replaceAll("\\s*\\n\\s*", ""));
        lines.add("QUARKUS_GITHUB_APP_WEBHOOK_SECRET=" + webhookSecret);
        lines.add("SELFCODE_GITHUB_APP_CLIENT_ID=" + clientId);
        lines.add("SELFCODE_GITHUB_APP_CLIENT_SECRET=" + clientSecret);
        return lines;
    }

    /**
     * Writes {@code dataDir/github-app.env}, readable by its owner only: created with mode 0600 (never chmod-ed
     * afterwards) and moved into place in one step, so no other user can ever read a partial or open copy.
     */
    Path write(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        Path tmp = Files.createTempFile(dataDir, "github-app", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            StringBuilder text = new StringBuilder("# GitHub App \"" + slug + "\" (" + htmlUrl + "), registered by "
                    + "selfcode serve's setup on " + Instant.now() + ". Secret: keep this file mode 0600.\n");
            envLines().forEach(line -> text.append(line).append('\n'));
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** The properties a credentials file holds (app id, private key, webhook secret, OAuth client id and secret). */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.stripLeading().startsWith("#") || eq < 0) {
                continue;
            }
            String property = PROPERTIES.get(line.substring(0, eq).strip());
            if (property != null) {
                properties.put(property, line.substring(eq + 1).strip());
            }
        }
        return properties;
    }
}
