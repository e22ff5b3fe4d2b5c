package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which runner a repository without a test command gets, and what the repo config can still say. */
class TestRunnerInferenceTest {

    final RepoConfigReader reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);

    @TempDir
    Path dir;

    void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradlew"})
    void gradleIsRecognisedAndRefusedSayingWhatToWriteInstead(String file) throws Exception {
        write(file, "// gradle\n");
        write("src/test/java/AppTest.java", "class AppTest {}\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOfSatisfying(RepoConfigException.class, e -> {
            assertThat(e.problem()).isEqualTo(RepoConfigException.Problem.UNSUPPORTED_BUILD);
            assertThat(e.line()).isZero();
            assertThat(e.getMessage()).contains("Gradle build (" + file + ")")
                    .contains("no Gradle distribution can be fetched").contains(RepoConfig.PATH)
                    .contains("test: gradle test --offline").contains("counting: exit-code");
        });
    }

    @Test
    void aGradleBuildWithItsOwnTestCommandIsMeasured() throws Exception {
        write("build.gradle", "plugins { id 'java' }\n");
        write(RepoConfig.PATH, "test: ./gradlew test --offline\ncounting: exit-code\n");
        RepoConfig c = reader.read(dir);
        assertThat(c.test()).isEqualTo("./gradlew test --offline");
        assertThat(c.image()).isEqualTo("jv");
        assertThat(c.counting()).isEqualTo(RepoConfig.Counting.EXIT_CODE);
    }

    @Test
    void mavenRunsFailsafeInVerifyWhenAnyModuleDeclaresIt() throws Exception {
        write("pom.xml", "<project><modules><module>app</module></modules></project>");
        write("app/pom.xml", "<project/>");
        assertThat(reader.read(dir).test()).isEqualTo(TestRunnerInference.MAVEN + "test");
        write("app/pom.xml", "<project><build><plugins><plugin><artifactId>maven-failsafe-plugin</artifactId>"
                + "</plugin></plugins></build></project>");
        assertThat(reader.read(dir).test()).isEqualTo(TestRunnerInference.MAVEN + "verify");
        assertThat(TestRunnerInference.infer(dir, RepoConfigReaderTest.DEFAULTS).orElseThrow().runner())
                .isEqualTo("Maven Surefire and Failsafe");
    }

    @Test
    void aPomThatSwitchesTheXmlReportOffThroughAPropertyGetsItBackAndALiteralSwitchIsLeftAlone() throws Exception {
        write("pom.xml", "<project><properties><closeTestReports>true</closeTestReports></properties><build><plugins>"
                + "<plugin><artifactId>maven-surefire-plugin</artifactId><configuration>"
                + "<disableXmlReport>${closeTestReports}</disableXmlReport></configuration></plugin></plugins></build>"
                + "</project>");
        assertThat(reader.read(dir).test()).isEqualTo(TestRunnerInference.MAVEN + "test -DcloseTestReports=false");

        write("pom.xml", "<project><build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId>"
                + "<configuration><disableXmlReport>true</disableXmlReport></configuration></plugin></plugins></build>"
                + "</project>");
        assertThat(reader.read(dir).test()).isEqualTo(TestRunnerInference.MAVEN + "test");

        write("pom.xml", "<project><build><plugins><plugin><configuration>"
                + "<disableXmlReport>${x;rm -rf /}</disableXmlReport></configuration></plugin></plugins></build>"
                + "</project>");
        assertThat(reader.read(dir).test()).as("only a plain property name reaches the shell line")
                .isEqualTo(TestRunnerInference.MAVEN + "test");
    }

    @Test
    void unittestSuitesRunUnderPytestWithUnittestsFilePattern() throws Exception {
        write("tests/test_calc.py", "import unittest\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        pass\n");
        RepoConfig c = reader.read(dir);
        assertThat(c.test()).isEqualTo(TestRunnerInference.PYTEST + " -o python_files='test*.py'");
        assertThat(TestRunnerInference.infer(dir, RepoConfigReaderTest.DEFAULTS).orElseThrow().runner())
                .isEqualTo("unittest (run by pytest)");
    }

    @Test
    void pytestWhenAnyTestFileOrTheProjectMentionsIt() throws Exception {
        write("tests/test_a.py", "import unittest\n\nclass T(unittest.TestCase):\n    pass\n");
        write("tests/test_b.py", "def test_plain():\n    assert True\n");
        assertThat(reader.read(dir).test()).isEqualTo(TestRunnerInference.PYTEST);
        Files.delete(dir.resolve("tests/test_b.py"));
        write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n");
        assertThat(reader.read(dir).test()).isEqualTo(TestRunnerInference.PYTEST);
    }

    @Test
    void aPackageJsonWithNpmsPlaceholderScriptLeavesThePythonTestsToPytest() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}");
        write("test_x.py", "def test_x():\n    pass\n");
        assertThat(reader.read(dir).image()).isEqualTo("py");
    }

    @Test
    void theRunnerIsFoundInTheTestScript() throws Exception {
        write("package.json", """
                {"scripts": {"test": "npm run build && mocha"}, "devDependencies": {"mocha": "^10.0.0"}}
                """);
        RepoConfig c = reader.read(dir);
        assertThat(c.image()).isEqualTo("nd");
        assertThat(c.test()).isEqualTo(NodeTestScript.PATH_PREFIX + "npm run build && mocha " + NodeRunner.MOCHA.options);
        assertThat(c.counting()).isEqualTo(RepoConfig.Counting.REPORTS);
    }

    @Test
    void uvuIsCountedByExitCodeUnlessTheConfigSaysOtherwise() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"uvu tests\"}}");
        assertThat(reader.read(dir).counting()).isEqualTo(RepoConfig.Counting.EXIT_CODE);
        // The config's own test command is counted from its reports unless it says exit-code.
        write(RepoConfig.PATH, "test: uvu tests | tap-to-junit > $SELFCODE_OUT/junit.xml\n");
        assertThat(reader.read(dir).counting()).isEqualTo(RepoConfig.Counting.REPORTS);
        write(RepoConfig.PATH, "threshold: 1\n");
        assertThat(reader.read(dir).counting()).isEqualTo(RepoConfig.Counting.EXIT_CODE);
        write(RepoConfig.PATH, "counting: reports\n");
        assertThat(reader.read(dir).counting()).isEqualTo(RepoConfig.Counting.REPORTS);
    }

    @Test
    void countingMustBeReportsOrExitCode() {
        assertThatThrownBy(() -> reader.parse("test: t\n\ncounting: sometimes\n", null))
                .hasMessageContaining("line 3").hasMessageContaining("counting must be reports or exit-code");
        assertThatThrownBy(() -> reader.parse("countin: exit-code\n", null)).hasMessageContaining("counting");
    }

    @Test
    void aPackageJsonThatIsNotJsonIsNamed() throws Exception {
        write("package.json", "{\"scripts\": ");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("package.json is not valid JSON");
    }
}
