package dev.selfcode.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The database settings as Quarkus will see them, read before Quarkus starts (the embedded database must run by
 * then); the password is only handed on, never shown. The same sources with the same ordinals as Quarkus: system
 * properties (400), environment (300), {@code .env} (295), {@code config/application.properties} in the working
 * folder (260), {@code application.properties} in the application (250); {@code %profile.} keys for the active
 * profile (default {@code prod}).
 */
public record DatabaseSettings(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password, Path dataDir,
        Duration idleStop) {

    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String DATA_DIR = "selfcode.data-dir";
    public static final String IDLE_STOP = "selfcode.embedded-db.idle-stop";

    /** Reads the settings as a Selfcode started in {@code workingDir} sees them. */
    public static DatabaseSettings read(Path workingDir) {
        return read(config(workingDir));
    }

    /** Reads the settings from {@code config} (as {@link #config} builds it). */
    public static DatabaseSettings read(Config config) {
        Optional<String> url = config.getOptionalValue(JDBC_URL, String.class).filter(s -> !s.isBlank());
        Path dataDir = Path.of(config.getOptionalValue(DATA_DIR, String.class).filter(s -> !s.isBlank())
                .orElse(System.getProperty("user.home") + "/.selfcode"));
        Duration idle = config.getOptionalValue(IDLE_STOP, Duration.class).orElse(EmbeddedDatabase.DEFAULT_IDLE_STOP);
        if (idle.isNegative()) {
            throw new IllegalArgumentException(IDLE_STOP + " must not be negative: " + idle);
        }
        return new DatabaseSettings(url, config.getOptionalValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class), dataDir, idle);
    }

    /** Every configuration source Quarkus will read in {@code workingDir}, before Quarkus starts. */
    public static Config config(Path workingDir) {
        ClassLoader loader = DatabaseSettings.class.getClassLoader();
        return new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultInterceptors()
                .withProfile(profile())
                .withConverter(Duration.class, 200, new DurationConverter())
                .addSystemSources() // system properties, environment, .env
                .withSources(PropertiesConfigSourceLoader.inFileSystem(
                        workingDir.resolve("config").resolve("application.properties").toUri().toString(), 260, loader))
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .build();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl.orElse("embedded") + ", " + dataDir + ", idle-stop " + idleStop + "]";
    }

    private static String profile() {
        String p = System.getProperty("quarkus.profile");
        if (p == null || p.isBlank()) {
            p = System.getenv("QUARKUS_PROFILE");
        }
        return p == null || p.isBlank() ? "prod" : p;
    }
}
