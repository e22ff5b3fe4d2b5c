package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.selfcode.testsupport.Requirements;

/**
 * deploy/compose.yaml and its Docker-in-Docker variant as docker-compose itself resolves them ({@code config}): the
 * data folder at the same path wherever a sandbox's engine reads it, the secrets required, and the variant keeps the
 * host's socket out. (ComposeIT brings the default file up for real.)
 */
class ComposeConfigTest {

    static final Map<String, String> ENV = Map.of("SELFCODE_DB_PASSWORD", "db-secret", "MARIADB_ROOT_PASSWORD",
            "root-secret", "SELFCODE_DATA_DIR", "/srv/selfcode-data", "DOCKER_GID", "4242");

    static Commands.Result config(Map<String, String> env, String... files) throws Exception {
        Requirements.require(Commands.available("docker-compose", "version"),
                "docker-compose (apt-get install docker-compose)");
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", "deploy"));
        for (String file : files) {
            command.addAll(List.of("-f", file));
        }
        command.add("config");
        return Commands.run(Duration.ofMinutes(1), env, command.toArray(String[]::new));
    }

    static JsonNode resolved(String... files) throws Exception {
        Commands.Result result = config(ENV, files);
        assertThat(result.exit()).as(result.output()).isZero();
        return new ObjectMapper(new YAMLFactory()).readTree(result.stdout()).path("services");
    }

    static List<String> volumes(JsonNode service) {
        List<String> volumes = new ArrayList<>();
        service.path("volumes").forEach(v -> volumes.add(v.asText()));
        return volumes;
    }

    @Test
    void theDataFolderHasTheSamePathInSelfcodeAsOnTheHostAndTheSocketComesThroughItsGroup() throws Exception {
        JsonNode services = resolved("deploy/compose.yaml");

        JsonNode selfcode = services.path("selfcode");
        assertThat(selfcode.path("network_mode").asText()).isEqualTo("host");
        assertThat(volumes(selfcode)).contains("/srv/selfcode-data:/srv/selfcode-data:rw",
                "/var/cache/selfcode:/var/cache/selfcode:ro", "/var/run/docker.sock:/var/run/docker.sock:rw");
        assertThat(selfcode.path("environment").path("SELFCODE_DATA_DIR").asText()).isEqualTo("/srv/selfcode-data");
        assertThat(selfcode.path("environment").path("QUARKUS_DATASOURCE_PASSWORD").asText()).isEqualTo("db-secret");
        assertThat(selfcode.path("group_add").get(0).asText()).isEqualTo("4242");
        assertThat(selfcode.path("depends_on").path("mariadb").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(services.path("mariadb").path("ports").get(0).asText()).startsWith("127.0.0.1:3306:");
    }

    @Test
    void withoutItsPasswordsComposeRefusesToStartAndSaysWhichOne() throws Exception {
        Commands.Result result = config(Map.of("MARIADB_ROOT_PASSWORD", "x"), "deploy/compose.yaml");

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("set SELFCODE_DB_PASSWORD in deploy/.env");
    }

    @Test
    void dockerInDockerGivesSelfcodeItsOwnEngineAtTheSamePathsAndNotTheHostsSocket() throws Exception {
        JsonNode services = resolved("deploy/compose.yaml", "deploy/compose.dind.yaml");

        JsonNode selfcode = services.path("selfcode");
        JsonNode engine = services.path("docker");
        assertThat(selfcode.path("network_mode").asText()).isEqualTo("service:docker");
        assertThat(selfcode.path("environment").path("DOCKER_HOST").asText())
                .isEqualTo("unix:///run/dind/docker.sock");
        assertThat(volumes(selfcode)).contains("/dev/null:/var/run/docker.sock:ro")
                .noneMatch(v -> v.startsWith("/var/run/docker.sock:"));
        assertThat(volumes(engine)).contains("/srv/selfcode-data:/srv/selfcode-data:rw",
                "/var/cache/selfcode:/var/cache/selfcode:ro");
        assertThat(engine.path("privileged").asBoolean()).isTrue();
        assertThat(engine.path("command").toString()).contains("--group=4242");
    }
}
