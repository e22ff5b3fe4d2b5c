package dev.selfcode.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import dev.selfcode.setup.AppCredentials;

/**
 * The GitHub App's settings as the user gave them ({@code quarkus.github-app.*}); the key and the secret are only
 * used, never shown.
 *
 * @param apiUrl the REST API root ({@code quarkus.github-app.instance-endpoint}; GitHub Enterprise Server's
 *               {@code https://HOST/api/v3})
 */
public record AppSettings(Optional<String> appId, Optional<String> privateKey, Optional<String> webhookSecret,
        String apiUrl) {

    public static final String APP_ID = "quarkus.github-app.app-id";
    public static final String PRIVATE_KEY = "quarkus.github-app.private-key";
    public static final String WEBHOOK_SECRET = "quarkus.github-app.webhook-secret";
    public static final String INSTANCE_ENDPOINT = "quarkus.github-app.instance-endpoint";
    static final String GITHUB_API = "https://api.github.com";

    /** Reads them from {@code config}. */
    public static AppSettings from(Config config) {
        return new AppSettings(value(config, APP_ID), value(config, PRIVATE_KEY), value(config, WEBHOOK_SECRET),
                value(config, INSTANCE_ENDPOINT).orElse(GITHUB_API));
    }

    /**
     * Reads them from {@code config}, or, when it names no App, from the credentials file the one-click registration
     * wrote to the data folder (what {@code serve} would use).
     */
    public static AppSettings from(Config config, Path dataDir) {
        AppSettings configured = from(config);
        Path file = dataDir.resolve(AppCredentials.FILE_NAME);
        if (!configured.absent() || !Files.isRegularFile(file)) {
            return configured;
        }
        try {
            Map<String, String> stored = AppCredentials.read(file);
            return new AppSettings(Optional.ofNullable(stored.get(APP_ID)), Optional.ofNullable(stored.get(PRIVATE_KEY)),
                    Optional.ofNullable(stored.get(WEBHOOK_SECRET)), configured.apiUrl());
        } catch (IOException e) {
            return configured;
        }
    }

    /** Neither an app id nor a key: Selfcode is used from the command line only. */
    boolean absent() {
        return appId.isEmpty() && privateKey.isEmpty();
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "AppSettings[" + appId.orElse("-") + ", " + apiUrl + "]";
    }
}
