package dev.selfcode.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * {@code .github/app.yml} and the setup page's manifest come from one source ({@link AppManifest}); run with
 * {@code -Dapp-yml.update=true} to rewrite the file after changing that class.
 */
class AppManifestTest {

    @Test
    void appYmlIsWhatAppManifestRenders() throws Exception {
        if (Boolean.getBoolean("app-yml.update")) {
            AppManifest.main(".");
        }
        assertThat(Files.readString(AppManifest.APP_YML)).isEqualTo(AppManifest.appYml());
    }

    @Test
    void appYmlParsesToTheReadmesPermissionsAndEvents() throws Exception {
        JsonNode yml = new ObjectMapper(new YAMLFactory()).readTree(AppManifest.APP_YML.toFile());

        assertThat(new ObjectMapper().convertValue(yml.path("default_permissions"), Map.class)).isEqualTo(Map.of(
                "contents", "write", "pull_requests", "write", "issues", "write", "checks", "write", "metadata",
                "read"));
        assertThat(new ObjectMapper().convertValue(yml.path("default_events"), List.class)).containsExactly(
                "issue_comment", "issues", "pull_request", "push", "installation_repositories");
        assertThat(yml.path("public").asBoolean(true)).isFalse();
        assertThat(yml.has("url")).as("app.yml carries no server URL").isFalse();
    }

    @Test
    void theServersManifestAddsItsWebhookHomepageAndRedirect() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(AppManifest.json(
                AppManifest.forServer("https://selfcode.example.test/", "/", "http://localhost:8080/setup/callback")));

        assertThat(manifest.path("url").asText()).isEqualTo("https://selfcode.example.test/");
        assertThat(manifest.at("/hook_attributes/url").asText()).isEqualTo("https://selfcode.example.test/");
        assertThat(manifest.at("/hook_attributes/active").asBoolean()).isTrue();
        assertThat(manifest.path("redirect_url").asText()).isEqualTo("http://localhost:8080/setup/callback");
        assertThat(manifest.path("callback_urls").get(0).asText()).isEqualTo("https://selfcode.example.test/login/github");
        assertThat(manifest.path("default_permissions")).isEqualTo(
                new ObjectMapper(new YAMLFactory()).readTree(AppManifest.appYml()).path("default_permissions"));
        assertThat(AppManifest.json(AppManifest.forServer("https://h.test", "/hooks", "x")))
                .contains("\"url\":\"https://h.test/hooks\"");
    }
}
