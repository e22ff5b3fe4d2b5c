package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.Requirements;
import picocli.CommandLine;

/**
 * {@code selfcode doctor} through the command line, with the application's own configuration: the test database,
 * the fake GitHub's App, the LLM stub and the real Docker engine. All pass: exit 0 and a table; an engine that does
 * not answer: exit 1, and the JSON names the check and its fix.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class DoctorCommandTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void llmAnswers() {
        OpenAiStubResource.stub().reset();
        OpenAiStubResource.stub().answer("OK");
    }

    @Test
    void allChecksPassWithTheApplicationsConfiguration() {
        Requirements.require(DockerClientFactory.instance().isDockerAvailable(), "Docker is not available");

        CliRun run = CliRun.of(factory, "doctor");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("check ").contains("all checks passed")
                .containsPattern("(?m)^docker +ok +Docker ")
                .containsPattern("(?m)^sandbox images +ok +selfcode/python:3.11, selfcode/java:17, selfcode/java:21, "
                        + "selfcode/node:20$")
                .containsPattern("(?m)^database +ok +MariaDB")
                .containsPattern("(?m)^llm +ok +model ")
                .containsPattern("(?m)^github app +ok +App ")
                .containsPattern("(?m)^webhook secret +ok +set$")
                .doesNotContain(FakeGitHubResource.WEBHOOK_SECRET, "sk-stub-not-a-real-key");
    }

    @Test
    void anEngineThatDoesNotAnswerFailsWithItsFix() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        CliRun run = CliRun.of(factory, "doctor", "--json", "--docker-host", "tcp://127.0.0.1:" + port);

        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        JsonNode report = mapper.readTree(run.out());
        assertThat(report.path("ok").asBoolean(true)).isFalse();
        JsonNode docker = check(report, "docker");
        assertThat(docker.path("verdict").asText()).isEqualTo("fail");
        assertThat(docker.path("detail").asText()).startsWith("no Docker engine at tcp://127.0.0.1:" + port);
        assertThat(docker.path("fix").asText()).contains("systemctl start docker");
        assertThat(check(report, "sandbox images").path("verdict").asText()).isEqualTo("skip");
        assertThat(check(report, "database").path("verdict").asText()).isEqualTo("ok");
    }

    static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (name.equals(c.path("check").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }
}
