package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.testsupport.Requirements;

/**
 * The runner fixtures measured in the real sandbox (as RunnersSandboxTest does) attribute their failing test, an
 * assertion in the test itself, to the source file the test file is named after; a Python error to the function it
 * was raised in.
 */
class ModuleErrorsSandboxTest {

    @TempDir
    Path repo;

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON, SandboxTestSupport.JAVA, SandboxTestSupport.NODE);
    }

    private Evaluation measure(String fixture, Path m2) throws IOException, RepoConfigException {
        RunnersSandboxTest.copy(RunnersSandboxTest.FIXTURES.resolve(fixture), repo);
        Path packageJson = RunnersSandboxTest.FIXTURES.resolve(fixture).resolve("package.json");
        if (Files.isRegularFile(packageJson) && Files.readString(packageJson).contains("devDependencies")) {
            Path modules = RunnersSandboxTest.INSTALLED.resolve(fixture).resolve("node_modules");
            Requirements.require(Files.isDirectory(modules),
                    "the runner fixtures are not installed: run scripts/runner-fixtures.sh (" + modules + " is missing)");
            RunnersSandboxTest.copy(modules, repo.resolve("node_modules"));
        }
        return evaluate(m2);
    }

    private Evaluation evaluate(Path m2) throws RepoConfigException {
        SandboxTestSupport.Settings settings = new SandboxTestSupport.Settings(SandboxTestSupport.PYTHON,
                SandboxTestSupport.JAVA, SandboxTestSupport.NODE, 1, "1g", 256, Duration.ofSeconds(120), 256 * 1024,
                Optional.of(m2), SandboxTestSupport.JAVA21);
        RepoConfig config = new RepoConfigReader(settings).read(repo);
        Evaluation e = new Sandbox(settings).evaluate(repo, config);
        assertThat(e.status()).as(e.toString()).isEqualTo(Evaluation.Status.OK);
        return e;
    }

    private Evaluation measure(String fixture) throws IOException, RepoConfigException {
        return measure(fixture, SandboxTestSupport.settings().mavenRepository().orElseThrow());
    }

    @Test
    void jestsTestFileNamesItsSource() throws Exception {
        assertThat(measure("jest").moduleErrors()).containsExactly(new ModuleError("src/sum.js", null, 0, 1));
    }

    @Test
    void tapesTestFolderNamesItsSource() throws Exception {
        assertThat(measure("tape").moduleErrors()).containsExactly(new ModuleError("src/sum.js", null, 0, 1));
    }

    @Test
    void mochasSpecNamesItsSource() throws Exception {
        assertThat(measure("mocha").moduleErrors()).containsExactly(new ModuleError("src/sum.js", null, 0, 1));
    }

    @Test
    void unittestsModuleNamesItsSource() throws Exception {
        assertThat(measure("unittest").moduleErrors())
                .containsExactly(new ModuleError("mathlib/sum.py", null, 0, 1));
    }

    @Test
    void surefireAndFailsafeClassesNameTheirSource() throws Exception {
        Path m2 = RunnersSandboxTest.INSTALLED.resolve("m2");
        Requirements.require(Files.isDirectory(m2.resolve("org/apache/maven/plugins/maven-failsafe-plugin")),
                "the runner fixtures are not installed: run scripts/runner-fixtures.sh (" + m2 + " lacks Failsafe)");
        assertThat(measure("maven-failsafe", m2).moduleErrors())
                .containsExactly(new ModuleError("src/main/java/fixture/Sum.java", null, 0, 1));
    }

    @Test
    void aPythonErrorGoesToTheFunctionThatRaisedItAndFlake8ToItsLines() throws Exception {
        Files.writeString(repo.resolve("b.py"), "import os\n\n\ndef divide(x, y):\n    return x / y\n");
        Files.writeString(repo.resolve("test_b.py"), "from b import divide\n\n\ndef test_divide():\n"
                + "    assert divide(1, 0) == 0\n");
        Files.createDirectories(repo.resolve(".github"));
        Files.writeString(repo.resolve(".github/selfcode.yml"), "lint: python3 -m flake8 b.py\n"
                + "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n");
        Evaluation e = evaluate(SandboxTestSupport.settings().mavenRepository().orElseThrow());
        assertThat(e.moduleErrors()).containsExactly(new ModuleError("b.py", null, 1, 0),
                new ModuleError("b.py", "divide", 0, 1));
    }
}
