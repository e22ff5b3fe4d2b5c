package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.GitRepos;
import dev.selfcode.testsupport.Requirements;
import picocli.CommandLine;

/**
 * {@code selfcode apply} on a project whose runner writes no report (uvu): inferred, measured in the real sandbox
 * by its exit code, and the decision table says so.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class ApplyWithUncountedRunnerEndToEndTest {

    @Inject
    CommandLine.IFactory factory;

    @Test
    void theDecisionTableSaysTheTestsWereCountedByExitCode() throws Exception {
        Path modules = Path.of(Optional.ofNullable(System.getenv("SELFCODE_HOME")).orElse("/var/cache/selfcode"),
                "runner-fixtures/uvu/node_modules");
        Requirements.require(Files.isDirectory(modules), "run scripts/runner-fixtures.sh (" + modules + " is missing)");
        Path repo = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "uvu-");
        copy(Path.of("src/test/resources/runners/uvu"), repo);
        copy(modules, repo.resolve("node_modules"));
        GitRepos.create(repo, Map.of());
        OpenAiStub llm = OpenAiStubResource.stub();
        llm.reset();
        llm.answer("```javascript\nfunction square(x) {\n  return x * x;\n}\n```");

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(SelfcodeCommand.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("apply", "--repo", repo.toString(), "--file", "src/sum.js", "--generator", "llm",
                "square numbers");

        assertThat(exit).as(out.toString()).isZero();
        // One failing uvu test fails the whole command: one failed "test" on both sides, nothing worse, kept.
        assertThat(out.toString()).contains("KEPT").containsPattern("errors\\s+1\\.000\\s+1\\.000\\s+\\+0\\.000")
                .contains("tests counted by exit code");
    }

    static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        Process p = new ProcessBuilder("cp", "-a", from + "/.", to.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
