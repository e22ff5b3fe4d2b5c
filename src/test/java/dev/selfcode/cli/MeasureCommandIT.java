package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code selfcode measure} through the packaged CLI: HEAD of a repository measured as the base of a patch is, its
 * numbers printed (or one JSON object) and recorded as a metric sample; exit 2 when the repository is at fault, 1
 * when it could not be measured for another reason, and the cause in its own lines, without logs.
 */
class MeasureCommandIT {

    static Path root;
    PackagedCli cli;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "measure-it-");
    }

    @BeforeEach
    void setUp() {
        cli = new PackagedCli(root.resolve("data"));
    }

    /** The tests_passed of the sample recorded for {@code repo}'s HEAD, or -1 when none was. */
    static int samplePassed(Path repo) throws Exception {
        String url = System.getenv().getOrDefault("SELFCODE_TEST_DB_URL", "jdbc:mariadb://127.0.0.1:3306/selfcode_test");
        try (Connection c = DriverManager.getConnection(url, System.getenv().getOrDefault("SELFCODE_TEST_DB_USER",
                "selfcode"), System.getenv().getOrDefault("SELFCODE_TEST_DB_PASSWORD", "selfcode"));
                PreparedStatement s = c.prepareStatement("SELECT tests_passed FROM metric_sample WHERE repo = ?")) {
            s.setString(1, CliRepos.name(repo));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    @Test
    void aPythonRepositoryIsMeasuredRecordedAndPrintedAsJson() throws Exception {
        Path repo = TestRepos.create(root.resolve("py"), TestRepos.python("60s"));

        PackagedCli.Run r = cli.run("measure", "--repo", repo.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("selfcode: measuring HEAD of " + repo).contains("runner pytest")
                .containsPattern("MEASURED: 2 passed, 0 failed, 0 errored, 0 skipped, 0 lint finding\\(s\\) in \\d+\\.\\d s")
                .contains("roi 2.000 (passed tests), errors 0.000, complexity 1.000")
                .contains("recorded as the metric sample of ");
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(r.noise()).as(r.toString()).isEmpty();
        assertThat(samplePassed(repo)).isEqualTo(2);

        PackagedCli.Run json = cli.run("measure", "--repo", repo.toString(), "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.out().lines()).hasSize(1);
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertThat(o.get("measured").asBoolean()).isTrue();
        assertThat(o.get("status").asText()).isEqualTo("OK");
        assertThat(o.get("cause").asText()).isEmpty();
        assertThat(o.get("passed").asInt()).isEqualTo(2);
        assertThat(o.get("failed").asInt()).isZero();
        assertThat(o.get("errored").asInt()).isZero();
        assertThat(o.get("skipped").asInt()).isZero();
        assertThat(o.get("lint").asInt()).isZero();
        assertThat(o.get("seconds").asDouble()).isPositive();
        assertThat(o.get("runner").asText()).isEqualTo("pytest");
        assertThat(o.get("cached").asBoolean()).as("the second measurement of one commit comes from the cache")
                .isTrue();
    }

    @Test
    void aRepositoryWithoutTestsIsTheUsersToFixExitTwo() throws Exception {
        Path repo = TestRepos.create(root.resolve("notests"), Map.of("main.py", "print(1)\n"));
        PackagedCli.Run r = cli.run("measure", "--repo", repo.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).startsWith("BAD INPUT: ").contains("no tests found");
        assertThat(r.noise()).as(r.toString()).isEmpty();

        PackagedCli.Run json = cli.run("measure", "--repo", repo.toString(), "--json");
        assertThat(json.exit()).as(json.toString()).isEqualTo(2);
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertThat(o.get("measured").asBoolean()).isFalse();
        assertThat(o.get("status").asText()).isEqualTo("BAD_INPUT");
        assertThat(o.get("cause").asText()).contains("no tests found");
        assertThat(samplePassed(repo)).isEqualTo(-1);
    }

    @Test
    void aRepositoryThatRunsOutOfMemoryIsNotMeasuredExitOneWithTheCause() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(TestRepos.python("60s"));
        files.put("test_hoard.py", "def test_hoard():\n    assert b'x' * (400 * 1024 * 1024)\n");
        files.put(".github/selfcode.yml", files.get(".github/selfcode.yml").replace("512m", "128m"));
        Path repo = TestRepos.create(root.resolve("oom"), files);
        PackagedCli.Run r = cli.run("measure", "--repo", repo.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString())
                .startsWith("NOT MEASURED: a process was killed for using more than the memory limit of 128 MiB")
                .contains("limit hit: memory limit of 128 MiB").contains("hint: if the checks need more memory");
        assertThat(r.noise()).as(r.toString()).isEmpty();
        assertThat(samplePassed(repo)).isEqualTo(-1);

        PackagedCli.Run json = cli.run("measure", "--repo", repo.toString(), "--json");
        assertThat(json.exit()).isEqualTo(1);
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertThat(o.get("measured").asBoolean()).isFalse();
        assertThat(o.get("status").asText()).isEqualTo("BUILD_FAILED");
        assertThat(o.get("cause").asText()).contains("memory limit of 128 MiB");
    }
}
