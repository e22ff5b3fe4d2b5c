package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.OpenAiStub;

/**
 * {@code bin/selfcode doctor} as a user runs it: it checks the App credentials the user configured (not the
 * throw-away identity every other command gives quarkus-github-app), and it still reports when the database is down
 * (no migrations at start), with the command's own lines only.
 */
class DoctorIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static FakeGitHub github;
    static OpenAiStub llm;
    static Path root;

    @BeforeAll
    static void start() throws IOException {
        github = FakeGitHub.start();
        llm = OpenAiStub.start();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "doctor-it-");
    }

    @AfterAll
    static void stop() {
        github.close();
        llm.close();
    }

    PackagedCli cli() {
        return new PackagedCli(root.resolve("data"))
                .env("QUARKUS_GITHUB_APP_APP_ID", String.valueOf(github.appId()))
                .env("QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT", github.url())
                .env("QUARKUS_GITHUB_APP_WEBHOOK_SECRET", "a-webhook-secret")
                .env("SELFCODE_LLM_BASE_URL", llm.baseUrl())
                .env("SELFCODE_LLM_MODEL", OpenAiStub.MODEL);
    }

    @Test
    void theUsersAppIsChecked() throws Exception {
        llm.reset();
        llm.answer("OK");

        PackagedCli.Run run = cli().env("QUARKUS_GITHUB_APP_PRIVATE_KEY", github.privateKeyPem()).run("doctor");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("(?m)^github app +ok +App \\S+ \\(id " + github.appId() + "\\)")
                .containsPattern("(?m)^llm +ok +model " + OpenAiStub.MODEL).contains("all checks passed");
        assertThat(run.noise()).as(run.toString()).isEmpty();
    }

    @Test
    void aDatabaseThatIsDownAndAKeyThatDoesNotParseAreBothReported() throws Exception {
        llm.reset();
        llm.answer("OK");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        PackagedCli.Run run = cli().env("QUARKUS_GITHUB_APP_PRIVATE_KEY", "not a key")
                .env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:mariadb://127.0.0.1:" + port + "/selfcode")
                .run("doctor", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(DoctorCommandTest.check(report, "database").path("detail").asText())
                .startsWith("cannot connect to jdbc:mariadb://127.0.0.1:" + port);
        assertThat(DoctorCommandTest.check(report, "github app").path("detail").asText())
                .startsWith("the private key does not parse");
        assertThat(report.path("failed").asInt()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).isEmpty();
    }
}
