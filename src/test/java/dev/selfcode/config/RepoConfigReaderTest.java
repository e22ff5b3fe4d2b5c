package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepoConfigReaderTest {

    static final SelfcodeConfig.Sandbox DEFAULTS = new SelfcodeConfig.Sandbox() {

        public String pythonImage() {
            return "py";
        }

        public String javaImage() {
            return "jv";
        }

        public String nodeImage() {
            return "nd";
        }

        public double cpus() {
            return 1;
        }

        public String memory() {
            return "1g";
        }

        public long pids() {
            return 256;
        }

        public Duration timeout() {
            return Duration.ofMinutes(10);
        }

        public int outputLimit() {
            return 1000;
        }

        public Optional<Path> mavenRepository() {
            return Optional.empty();
        }

        public String java21Image() {
            return "jv21";
        }
    };

    final RepoConfigReader reader = new RepoConfigReader(DEFAULTS);

    @TempDir
    Path dir;

    @Test
    void readsTheDocumentedFile() throws Exception {
        String yaml = """
                image: python:3.12-slim
                setup: pip install -e .
                lint: ruff check .
                test: pytest -q --junitxml=$SELFCODE_OUT/junit.xml
                coverage: $SELFCODE_OUT/coverage.xml
                metrics: python tools/roi.py
                threshold: 0.25
                paths: ["src/**"]
                limits: { cpus: 2, memory: 512m, timeout: 90s }
                sweep: { cron: "0 3 * * 1", refactor_worst: true }
                automerge: 0.1
                """;
        RepoConfig c = reader.parse(yaml, null);
        assertThat(c.image()).isEqualTo("python:3.12-slim");
        assertThat(c.threshold()).contains(Threshold.of(0.25));
        assertThat(c.paths()).containsExactly("src/**");
        assertThat(c.limits()).isEqualTo(new RepoConfig.Limits(2, 512L << 20, Duration.ofSeconds(90)));
        assertThat(c.sweep().refactorWorst()).isTrue();
        assertThat(c.automerge()).contains(Threshold.of(0.1));
        assertThat(c.inferred()).isFalse();
    }

    @Test
    void aSweepIsScheduledOnlyWhenConfiguredAndItsCronAndZoneAreChecked() throws Exception {
        RepoConfig none = reader.parse("test: pytest\n", null);
        assertThat(none.sweep().enabled()).isFalse();

        RepoConfig berlin = reader.parse("""
                test: pytest
                sweep:
                  cron: "30 4 * * *"
                  timezone: Europe/Berlin
                  template_prs: true
                """, null);
        assertThat(berlin.sweep()).isEqualTo(new RepoConfig.Sweep("30 4 * * *", false, "Europe/Berlin", true, true));
        assertThat(reader.parse("test: pytest\nsweep: { refactor_worst: true }\n", null).sweep())
                .isEqualTo(new RepoConfig.Sweep("0 3 * * 1", true, "UTC", false, true));

        assertThatThrownBy(() -> reader.parse("test: pytest\nsweep:\n  cron: \"0 3 * *\"\n", null))
                .isInstanceOf(RepoConfigException.class).hasMessageContaining("sweep.cron")
                .hasMessageContaining("has 4 fields")
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> reader.parse("test: pytest\nsweep:\n  cron: \"0 3 * * 1\"\n  timezone: Mars/Base\n",
                null)).isInstanceOf(RepoConfigException.class).hasMessageContaining("sweep.timezone")
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isEqualTo(4));
    }

    @Test
    void unknownKeyNamesItsLine() {
        assertThatThrownBy(() -> reader.parse("test: pytest\nthreshhold: 0.5\n", null))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown key 'threshhold'")
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isEqualTo(2));
    }

    @Test
    void brokenYamlNamesItsLine() {
        assertThatThrownBy(() -> reader.parse("test: pytest\nlimits: {cpus: 1\nlint: x\n", null))
                .isInstanceOf(RepoConfigException.class)
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void wrongTypeNamesItsLine() {
        assertThatThrownBy(() -> reader.parse("test: pytest\n\nthreshold: high\n", null))
                .isInstanceOf(RepoConfigException.class).hasMessageContaining("line 3");
    }

    @Test
    void aWrongTypeIsExplainedWithoutJavaNames() {
        assertThatThrownBy(() -> reader.parse("test: pytest\n\nlimits: 5\n", null))
                .isInstanceOf(RepoConfigException.class)
                .hasMessage(".github/selfcode.yml line 3: limits must be a mapping like { cpus: 1, memory: 1g, timeout: 10m }")
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isEqualTo(3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test: t\\nsweep: yes\\n                   | 2 | sweep must be a mapping like",
            "test: t\\npaths: src/**\\n                | 2 | paths must be a list of globs",
            "test: [a, b]\\n                           | 1 | test must be one command",
            "test: t\\nthreshold: high\\n              | 2 | threshold must be a number",
            "test: t\\nlimits:\\n  cpus: many\\n       | 3 | limits.cpus must be a number",
            "test: t\\nlimits: {memory: [1]}\\n         | 2 | limits.memory must be a size",
            "test: t\\nsweep: {refactor_worst: maybe}\\n | 2 | sweep.refactor_worst must be true or false",
            "- test\\n- lint\\n                          | 1 | the file must be a mapping of keys",
            "just text\\n                              | 1 | the file must be a mapping of keys"})
    void everyWrongTypeSaysWhatTheKeyHolds(String yaml, int line, String says) {
        assertThatThrownBy(() -> reader.parse(yaml.strip().replace("\\n", "\n"), null))
                .isInstanceOf(RepoConfigException.class)
                .hasMessageStartingWith(".github/selfcode.yml line " + line + ": " + says)
                .hasMessageNotContaining("`").hasMessageNotContaining("Cannot").hasMessageNotContaining("dev.selfcode");
    }

    @Test
    void anUnknownNestedKeyListsTheKeysOfItsMapping() {
        assertThatThrownBy(() -> reader.parse("test: t\nlimits: {disk: 1g}\n", null))
                .hasMessage(".github/selfcode.yml line 2: unknown key 'disk' in limits (known keys: cpus, memory, timeout)");
    }

    @Test
    void aTabIsReportedOnItsOwnLine() {
        assertThatThrownBy(() -> reader.parse("test: pytest\n\tlint: flake8\n", null))
                .hasMessageStartingWith(".github/selfcode.yml line 2: a tab")
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> reader.parse("test: pytest\nlimits:\n\tcpus: 1\n", null))
                .hasMessageStartingWith(".github/selfcode.yml line 3: a tab");
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpens() {
        assertThatThrownBy(() -> reader.parse("lint: x\ntest: 'pytest\n", null))
                .hasMessageStartingWith(".github/selfcode.yml line 2: not valid YAML");
    }

    @Test
    void badLimitsAreNamed() {
        assertThatThrownBy(() -> reader.parse("test: t\nlimits:\n  memory: lots\n", null))
                .hasMessageContaining("line 3").hasMessageContaining("not a size");
        assertThatThrownBy(() -> reader.parse("test: t\nlimits:\n  timeout: 99d\n", null))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> reader.parse("test: t\nthreshold: -1\n", null)).hasMessageContaining("line 2");
        assertThatThrownBy(() -> reader.parse("test: t\npaths: [\"../etc\"]\n", null)).hasMessageContaining("paths");
    }

    @Test
    void missingFileInfersPytest() throws Exception {
        Files.writeString(dir.resolve("test_x.py"), "def test_x():\n    pass\n");
        RepoConfig c = reader.read(dir);
        assertThat(c.inferred()).isTrue();
        assertThat(c.image()).isEqualTo("py");
        assertThat(c.test()).contains("pytest").contains("$SELFCODE_OUT/junit.xml");
    }

    @Test
    void missingFileInfersMavenAndNpm() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThat(reader.read(dir).test()).startsWith("mvn -o");
        Files.delete(dir.resolve("pom.xml"));
        Files.writeString(dir.resolve("package.json"), "{}");
        // No test script: node's own runner looks for the test files (TestRunnerInferenceTest has the rest).
        assertThat(reader.read(dir).test()).startsWith("node --test-reporter=spec").endsWith(" --test");
        assertThat(reader.read(dir).image()).isEqualTo("nd");
    }

    @Test
    void repoWithoutTestsIsRefused() throws Exception {
        Files.writeString(dir.resolve("main.py"), "print(1)\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("no tests found");
    }

    @Test
    void withoutAConfigFileNoTestsFoundSaysWhereItLookedAndNamesNoLine() throws Exception {
        Files.writeString(dir.resolve("main.py"), "print(1)\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(RepoConfigException.class)
                .hasMessageStartingWith("no tests found: there is no .github/selfcode.yml")
                .hasMessageContaining("pom.xml").hasMessageContaining("package.json").hasMessageContaining("test_*.py")
                .hasMessageNotContaining(".github/selfcode.yml:")
                .satisfies(e -> assertThat(((RepoConfigException) e).line()).isZero());
    }

    @Test
    void aFileThatNamesItsTestCommandNeedsNoTestsToInferFrom() throws Exception {
        Files.writeString(dir.resolve("main.c"), "int main(void) { return 0; }\n");
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/selfcode.yml"), "test: make check\n");
        RepoConfig c = reader.read(dir);
        assertThat(c.test()).isEqualTo("make check");
        assertThat(c.image()).isEqualTo("py");
    }

    @Test
    void aFileWithoutTestInARepoWithoutTestsSaysWhereInferenceLooked() throws Exception {
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/selfcode.yml"), "threshold: 1\n");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("no 'test' command")
                .hasMessageContaining("pom.xml");
    }

    @Test
    void fileWithoutTestFallsBackToInference() throws Exception {
        Files.writeString(dir.resolve("test_x.py"), "def test_x():\n    pass\n");
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/selfcode.yml"), "threshold: 1.5\n");
        RepoConfig c = reader.read(dir);
        assertThat(c.test()).contains("pytest");
        assertThat(c.threshold()).contains(Threshold.of(1.5));
    }

    @Test
    void sizesAndDurationsParse() {
        assertThat(RepoConfigReader.parseSize("512m")).isEqualTo(512L << 20);
        assertThat(RepoConfigReader.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(RepoConfigReader.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> RepoConfigReader.parseDuration("0s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validateAcceptsAMissingTestButNotBadValues() throws Exception {
        reader.validate("threshold: 0.2\n");
        reader.validate("");
        assertThatThrownBy(() -> reader.validate("threshold: -3\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> reader.validate("lint: x\nbogus: 1\n")).hasMessageContaining("line 2");
    }
}
