package dev.selfcode.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.SmallRyeConfigBuilder;

import dev.selfcode.setup.AppCredentials;

/** The doctor checks the App that {@code serve} would use: the configured one, else the one-click registration's file. */
class AppSettingsTest {

    @TempDir
    Path data;

    @Test
    void withoutConfiguredCredentialsTheRegistrationFileIsRead() throws Exception {
        Files.writeString(data.resolve(AppCredentials.FILE_NAME), "QUARKUS_GITHUB_APP_APP_ID=42\n"
                + "QUARKUS_GITHUB_APP_WEBHOOK_SECRET=s3cret\n");
        AppSettings fromFile = AppSettings.from(new SmallRyeConfigBuilder().build(), data);
        assertThat(fromFile.appId()).contains("42");
        assertThat(fromFile.webhookSecret()).contains("s3cret");

        AppSettings configured = AppSettings.from(new SmallRyeConfigBuilder()
                .withDefaultValue(AppSettings.APP_ID, "7").build(), data);
        assertThat(configured.appId()).as("configured credentials win").contains("7");
        assertThat(configured.webhookSecret()).isEmpty();
    }

    @Test
    void noFileAndNoConfigurationIsAbsent() {
        assertThat(AppSettings.from(new SmallRyeConfigBuilder().build(), data).absent()).isTrue();
    }
}
