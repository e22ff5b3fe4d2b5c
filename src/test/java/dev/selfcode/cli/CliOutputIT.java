package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.selfcode.testing.OpenAiStub;

/**
 * What a user of the packaged CLI ({@code bin/selfcode}) sees: its own lines and one clear line per problem, with
 * logs, stack traces and library banners kept in {@code <data-dir>/logs/selfcode.log}.
 */
class CliOutputIT {

    static OpenAiStub llm;
    static Path root;
    PackagedCli cli;

    @BeforeAll
    static void start() throws Exception {
        llm = OpenAiStub.start();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cli-it-");
    }

    @AfterAll
    static void stop() {
        llm.close();
    }

    @BeforeEach
    void setUp() {
        llm.reset();
        cli = new PackagedCli(root.resolve("data"));
    }

    Path pythonRepo(String name) throws Exception {
        return TestRepos.create(root.resolve(name), TestRepos.python("60s"));
    }

    PackagedCli.Run applyWithLlm(Path repo) throws Exception {
        return cli.run("apply", "--repo", repo.toString(), "--file", "textutils.py", "--generator", "llm",
                "normalize text");
    }

    @Test
    void anLlmThatRefusesTheConnectionIsOneLineWithoutStackTraces() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        cli.env("SELFCODE_LLM_BASE_URL", "http://127.0.0.1:" + closed + "/v1").env("SELFCODE_LLM_API_KEY", "sk-test");
        PackagedCli.Run r = applyWithLlm(pythonRepo("refused"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("refused the connection");
        assertThat(r.noise()).as(r.toString()).isEmpty();
        assertThat(Files.readString(cli.logFile())).contains("Connection refused");
    }

    @Test
    void anLlmThatAnswers500IsOneLineWithoutStackTraces() throws Exception {
        cli.env("SELFCODE_LLM_BASE_URL", llm.baseUrl()).env("SELFCODE_LLM_API_KEY", "sk-test");
        llm.fail(500, "{\"error\":{\"message\":\"overloaded\"}}").fail(500, "{\"error\":{\"message\":\"overloaded\"}}");
        PackagedCli.Run r = applyWithLlm(pythonRepo("http500"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("HTTP 500");
        assertThat(r.noise()).as(r.toString()).isEmpty();
        assertThat(llm.requests()).isNotEmpty();
    }

    @Test
    void anLlmThatTimesOutIsOneLineWithoutStackTraces() throws Exception {
        cli.env("SELFCODE_LLM_BASE_URL", llm.baseUrl()).env("SELFCODE_LLM_API_KEY", "sk-test")
                .env("SELFCODE_LLM_TIMEOUT", "2s");
        llm.delay(Duration.ofSeconds(8), "late").delay(Duration.ofSeconds(8), "late");
        PackagedCli.Run r = applyWithLlm(pythonRepo("timeout"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("did not answer within 2s");
        assertThat(r.noise()).as(r.toString()).isEmpty();
    }

    @Test
    void aKeptPatchPrintsNoTestcontainersBannerOrLogLines() throws Exception {
        // No LLM configured: "auto" (the default) falls back to the template generator.
        PackagedCli.Run r = cli.run("apply", "--repo", pythonRepo("template").toString(), "--file", "textutils.py",
                "normalize text");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("[10/10] publish").contains("KEPT").containsPattern("generate .* template");
        assertThat(r.noise()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString()).isEmpty();
        // Testcontainers' own lines went to the log file, not the terminal.
        assertThat(Files.readString(cli.logFile())).contains("[org.tes.DockerClientFactory]", "Connected to docker");
    }

    @Test
    void anAbsoluteFileInsideTheRepositoryIsTakenAsRelative() throws Exception {
        Path repo = pythonRepo("absolute");
        Path alias = Files.createSymbolicLink(root.resolve("alias-of-absolute"), repo);
        PackagedCli.Run r = cli.run("apply", "--repo", repo.toString(), "--file",
                alias.resolve("textutils.py").toString(), "--generator", "template", "normalize text");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("-> textutils.py in").contains("line(s) in textutils.py");

        PackagedCli.Run outside = cli.run("apply", "--repo", repo.toString(), "--file",
                root.resolve("refused/textutils.py").toString(), "--generator", "template", "normalize text");
        assertThat(outside.exit()).as(outside.toString()).isEqualTo(2);
        assertThat(outside.err()).contains("is outside the repository");
    }

    @Test
    void aBadSettingAtStartUpIsOneLineAndExitTwo() throws Exception {
        // apply starts the whole application (history answers from the database alone and reads no LLM setting).
        PackagedCli.Run r = cli.env("SELFCODE_LLM_TIMEOUT", "abc").run("apply", "--file", "textutils.py",
                "--generator", "template", "normalize text");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("selfcode: SELFCODE_LLM_TIMEOUT=abc is not a duration (e.g. 60s, 2m)\n");
        assertThat(Files.readString(cli.logFile())).contains("SRCFG00039");
    }

    @Test
    void verboseAlsoShowsTheLogsOnStandardError() throws Exception {
        PackagedCli.Run r = cli.run("history", "--verbose", "--limit", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("INFO").contains("[io.quarkus]");
        assertThat(r.out()).doesNotContain("INFO");
    }

    @Test
    void theLlmGeneratorWithoutAnEndpointOrKeyIsRefusedBeforeAnyCall() throws Exception {
        PackagedCli.Run r = applyWithLlm(pythonRepo("unconfigured"));
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString())
                .contains("no LLM configured: set SELFCODE_LLM_BASE_URL / SELFCODE_LLM_API_KEY")
                .doesNotContain("api.openai.com");
        assertThat(r.out()).doesNotContain("[ 1/10]");
        assertThat(r.noise()).as(r.toString()).isEmpty();
    }
}
