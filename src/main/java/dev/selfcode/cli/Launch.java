package dev.selfcode.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;

import dev.selfcode.db.DatabaseAccess;
import dev.selfcode.db.DatabaseSettings;
import dev.selfcode.db.EmbeddedDatabase;
import dev.selfcode.doctor.AppSettings;
import dev.selfcode.setup.AppCredentials;
import dev.selfcode.setup.AppSetup;
import picocli.CommandLine;

/**
 * Settings decided before Quarkus starts: the embedded database when no JDBC URL is configured (its client lease
 * lasts as long as this process, so {@code serve} keeps it running), and, for one-shot CLI commands, no HTTP
 * listener, no worker, no scheduler.
 */
public final class Launch {

    static final String OIDC_ENABLED = "quarkus.oidc.tenant-enabled";

    /** The database this process uses, once {@link #prepare} has decided it. */
    private static DatabaseAccess database;
    /** {@code doctor}: the GitHub App settings as the user gave them, before the throw-away identity below. */
    private static AppSettings appAsConfigured;

    private Launch() {
    }

    /** Returns false when start-up cannot go on (the reason has been printed). */
    public static boolean prepare(String... args) {
        if (Boolean.getBoolean("quarkus.appcds.generate")) {
            return true; // the build records the classes Quarkus loads; it must not start a database
        }
        // Decided from every source Quarkus reads (config/application.properties included), or a URL set there
        // would be overridden by the embedded database's.
        // Built once: each build reads every source again (about 40 ms here).
        Config config;
        DatabaseSettings settings;
        try {
            config = DatabaseSettings.config(Path.of("").toAbsolutePath());
            settings = DatabaseSettings.read(config);
        } catch (RuntimeException e) {
            System.err.println("selfcode: bad configuration: " + e.getMessage());
            return false;
        }
        boolean serve = args.length > 0 && "serve".equals(args[0]);
        if (!serve) {
            cliMode(config, settings.dataDir(), args);
        } else if (!appCredentials(config, settings.dataDir(), args)) {
            return false;
        } else {
            githubLogin(config);
        }
        if (settings.jdbcUrl().isPresent()) {
            database = new DatabaseAccess(settings.jdbcUrl().get(), settings.user().orElse(null),
                    settings.password().orElse(null));
        } else {
            try {
                database = new EmbeddedDatabase(settings.dataDir(), settings.idleStop()).connect();
                System.setProperty(DatabaseSettings.JDBC_URL, database.url());
                System.setProperty("quarkus.datasource.username", database.user());
                System.setProperty("quarkus.datasource.password", database.password());
            } catch (IOException | RuntimeException e) {
                System.err.println("selfcode: " + e.getMessage());
                System.err.println("selfcode: set QUARKUS_DATASOURCE_JDBC_URL to use an external MariaDB instead");
                return false;
            }
        }
        return true;
    }

    /** Credentials for the App: configured, from the data folder, or registered now on the setup page. */
    private static boolean appCredentials(Config config, Path dataDir, String... args) {
        try {
            AppSetup.prepare(config, dataDir,
                    ServeCommand.setupOptions(Arrays.copyOfRange(args, 1, args.length)), System.out);
            return true;
        } catch (CommandLine.ParameterException e) {
            System.err.println("selfcode serve: " + e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            System.err.println("selfcode: GitHub App setup failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The dashboard's "Log in with GitHub" (quarkus-oidc) runs only when the App's OAuth client is configured or came
     * from the credentials file: without it, the login page offers the admin token alone.
     */
    private static void githubLogin(Config config) {
        // The client may also come from the credentials file, which AppSetup handed over as system properties after
        // config was built: its system-property source reads them when asked (ManifestSetupIT's restart checks).
        boolean client = Stream.of(AppCredentials.CLIENT_ID, AppCredentials.CLIENT_SECRET)
                .allMatch(key -> config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).isPresent());
        setIfAbsent(OIDC_ENABLED, String.valueOf(client));
    }

    /**
     * Runs the command without Quarkus when it can (a look at the history), after {@link #prepare}. Returns its exit
     * code, or empty when Quarkus must start.
     */
    public static OptionalInt withoutQuarkus(String... args) {
        return database == null ? OptionalInt.empty() : QuickHistory.run(args, database);
    }

    private static void cliMode(Config config, Path dataDir, String... args) {
        setIfAbsent("quarkus.http.host-enabled", "false");
        setIfAbsent("selfcode.worker.enabled", "false");
        setIfAbsent("quarkus.scheduler.enabled", "false");
        // No login machinery for a one-shot command, whatever the environment says: no OAuth client is needed.
        System.setProperty(OIDC_ENABLED, "false");
        CliLogging.configure(dataDir, args);
        if (args.length > 0 && "doctor".equals(args[0])) {
            appAsConfigured = AppSettings.from(config, dataDir);
            // the doctor reports pending migrations and an unreachable database instead of failing to start
            setIfAbsent("quarkus.flyway.migrate-at-start", "false");
        }
        // quarkus-github-app insists on App credentials at start-up even though the CLI never talks to
        // GitHub: give it a throw-away identity that cannot authenticate anywhere.
        System.setProperty("quarkus.github-app.app-id", "0");
        System.setProperty("quarkus.github-app.private-key", ThrowAwayAppKey.pem(dataDir));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret); // not generateSeed: that may wait for the kernel's entropy
        System.setProperty("quarkus.github-app.webhook-secret", HexFormat.of().formatHex(secret));
    }

    /** For {@code doctor}, the App settings as configured; empty when Quarkus' own configuration has them. */
    static Optional<AppSettings> appAsConfigured() {
        return Optional.ofNullable(appAsConfigured);
    }

    /** A property from the system properties or its environment-variable form. */
    static String configured(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            v = System.getenv(property.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return v == null || v.isBlank() ? null : v;
    }

    private static void setIfAbsent(String key, String value) {
        if (configured(key) == null) {
            System.setProperty(key, value);
        }
    }
}
