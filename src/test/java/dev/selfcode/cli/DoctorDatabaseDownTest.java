package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.selfcode.testing.OpenAiStubResource;
import picocli.CommandLine;

/**
 * A database that does not answer: Selfcode still starts for {@code doctor} (as {@link Launch} sets it up: no
 * migrations at start), and the doctor says so with the fix and exit code 1.
 */
@QuarkusTest
@TestProfile(DoctorDatabaseDownTest.DatabaseDown.class)
class DoctorDatabaseDownTest {

    public static class DatabaseDown implements QuarkusTestProfile {

        static final String URL = "jdbc:mariadb://127.0.0.1:" + closedPort() + "/selfcode";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", URL,
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.flyway.clean-at-start", "false",
                    // no request leaves the machine: no App, and the LLM is the unconfigured default
                    "quarkus.github-app.instance-endpoint", "http://127.0.0.1:1");
        }
    }

    @Inject
    CommandLine.IFactory factory;

    @Inject
    ObjectMapper mapper;

    /** A global OpenAiStubResource (another test's) configures the LLM for every run: let it answer. */
    @BeforeEach
    void llmAnswersWhenStubbed() {
        try {
            OpenAiStubResource.stub().reset();
            OpenAiStubResource.stub().answer("OK");
        } catch (IllegalStateException noStub) {
            // no stub running: the LLM is the unconfigured default and its check is skipped
        }
    }

    @Test
    void theDatabaseCheckFailsAndTheDoctorStillReports() throws IOException {
        CliRun run = CliRun.of(factory, "doctor", "--json", "--timeout", "2");

        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        JsonNode report = mapper.readTree(run.out());
        JsonNode db = DoctorCommandTest.check(report, "database");
        assertThat(db.path("verdict").asText()).isEqualTo("fail");
        assertThat(db.path("detail").asText()).startsWith("cannot connect to " + DatabaseDown.URL);
        assertThat(db.path("fix").asText()).contains("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(report.path("failed").asInt()).as(run.out()).isEqualTo(1);
    }

    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
