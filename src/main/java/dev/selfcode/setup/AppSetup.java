package dev.selfcode.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.eclipse.microprofile.config.Config;

/**
 * Gives {@code serve} its GitHub App credentials before Quarkus starts (quarkus-github-app refuses to start without
 * them): those configured win; else the data folder's credentials file; else the setup server runs the manifest
 * flow, and once GitHub has handed the credentials over, start-up goes on with them, in the same process.
 */
public final class AppSetup {

    static final String APP_ID = "quarkus.github-app.app-id";

    /** What {@code serve}'s command line says about the setup. */
    public record Options(Optional<String> publicUrl, Optional<String> githubUrl, boolean setupPublic,
            boolean printEnv) {
    }

    private AppSetup() {
    }

    /**
     * Sets the App's settings as system properties when they come from the credentials file or the setup; blocks
     * while the setup runs.
     */
    public static void prepare(Config config, Path dataDir, Options options, PrintStream out)
            throws IOException, InterruptedException {
        if (config.getOptionalValue(APP_ID, String.class).filter(s -> !s.isBlank()).isPresent()) {
            return;
        }
        Path file = dataDir.resolve(AppCredentials.FILE_NAME);
        if (Files.isRegularFile(file)) {
            use(AppCredentials.read(file), config);
            out.println("selfcode: GitHub App credentials from " + file);
            return;
        }
        SetupSettings settings = new SetupSettings(
                options.githubUrl().or(() -> value(config, "selfcode.setup.github-url")).orElse("https://github.com"),
                value(config, "quarkus.github-app.instance-endpoint").orElse("https://api.github.com"),
                options.publicUrl().or(() -> value(config, "selfcode.setup.public-url")),
                value(config, "quarkus.github-app.webhook-url-path").orElse("/"),
                value(config, "quarkus.http.host").orElse("0.0.0.0"),
                Integer.parseInt(value(config, "quarkus.http.port").orElse("8080")),
                options.setupPublic(), options.printEnv(), dataDir);
        try (SetupServer setup = SetupServer.start(settings, out)) {
            out.println("selfcode: no GitHub App credentials. Register the App at http://localhost:" + setup.port()
                    + "/setup" + (settings.setupPublic() ? " (or at this server's public URL)" : "")
                    + "; Selfcode starts once GitHub has sent you back.");
            AppCredentials credentials = setup.registered().get();
            use(Map.of(APP_ID, String.valueOf(credentials.appId()), "quarkus.github-app.private-key",
                    credentials.privateKeyPem(), "quarkus.github-app.webhook-secret", credentials.webhookSecret(),
                    AppCredentials.CLIENT_ID, credentials.clientId(), AppCredentials.CLIENT_SECRET,
                    credentials.clientSecret()), config);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Hands settings to Quarkus, without overriding one configured elsewhere. */
    private static void use(Map<String, String> properties, Config config) {
        properties.forEach((key, value) -> {
            if (value(config, key).isEmpty()) {
                System.setProperty(key, value);
            }
        });
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(s -> !s.isBlank());
    }
}
