package dev.selfcode.doctor;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * The GitHub App's settings as the user gave them ({@code quarkus.github-app.*}); the key and the secret are only
 * used, never shown.
 *
 * @param apiUrl the REST API root ({@code quarkus.github-app.instance-endpoint}; GitHub Enterprise Server's
 *               {@code https://HOST/api/v3})
 */
public record AppCredentials(Optional<String> appId, Optional<String> privateKey, Optional<String> webhookSecret,
        String apiUrl) {

    public static final String APP_ID = "quarkus.github-app.app-id";
    public static final String PRIVATE_KEY = "quarkus.github-app.private-key";
    public static final String WEBHOOK_SECRET = "quarkus.github-app.webhook-secret";
    public static final String INSTANCE_ENDPOINT = "quarkus.github-app.instance-endpoint";
    static final String GITHUB_API = "https://api.github.com";

    /** Reads them from {@code config}. */
    public static AppCredentials from(Config config) {
        return new AppCredentials(value(config, APP_ID), value(config, PRIVATE_KEY), value(config, WEBHOOK_SECRET),
                value(config, INSTANCE_ENDPOINT).orElse(GITHUB_API));
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
        return "AppCredentials[" + appId.orElse("-") + ", " + apiUrl + "]";
    }
}
