package dev.selfcode.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database is decided from the same sources Quarkus reads, before Quarkus starts. */
class DatabaseSettingsTest {

    @TempDir
    Path workingDir;

    @Test
    void aJdbcUrlInConfigApplicationPropertiesBesideTheWorkingFolderIsSeen() throws Exception {
        Path config = Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(config.resolve("application.properties"), """
                quarkus.datasource.jdbc.url=jdbc:mariadb://db.example.invalid:3306/selfcode
                quarkus.datasource.username=bot
                selfcode.data-dir=/srv/selfcode
                selfcode.embedded-db.idle-stop=42s
                """);
        DatabaseSettings settings = DatabaseSettings.read(workingDir);
        assertThat(settings.jdbcUrl()).contains("jdbc:mariadb://db.example.invalid:3306/selfcode");
        assertThat(settings.user()).contains("bot");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/selfcode"));
        assertThat(settings.idleStop()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void onlyTheActiveProfileCounts() throws Exception {
        Path config = Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(config.resolve("application.properties"), """
                %test.quarkus.datasource.jdbc.url=jdbc:mariadb://test.example.invalid/selfcode
                %prod.selfcode.data-dir=/srv/prod
                """);
        DatabaseSettings settings = DatabaseSettings.read(workingDir);
        // The packaged CLI runs in the prod profile; the jar's own %test URL must not count either.
        Path empty = Files.createTempDirectory(workingDir, "empty");
        assertThat(settings.jdbcUrl()).isEqualTo(DatabaseSettings.read(empty).jdbcUrl());
        assertThat(settings.jdbcUrl()).isNotEqualTo(Optional.of("jdbc:mariadb://test.example.invalid/selfcode"));
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/prod"));
        assertThat(settings.idleStop()).isEqualTo(EmbeddedDatabase.DEFAULT_IDLE_STOP);
    }
}
