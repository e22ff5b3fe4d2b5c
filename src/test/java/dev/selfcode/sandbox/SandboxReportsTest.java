package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.treeDigest;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/** Real pytest, Maven Surefire/JaCoCo and node test-runner reports, produced in the sandbox and parsed. */
class SandboxReportsTest {

    @TempDir
    Path repo;

    private final Sandbox sandbox = SandboxTestSupport.sandbox();

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON, SandboxTestSupport.JAVA, SandboxTestSupport.NODE);
    }

    @Test
    void pytestWithLintCoverageAndMetrics() {
        write(repo, "calc.py", """
                import os


                def add(a, b):
                    return a + b


                def pick(x):
                    if x:
                        return 1
                    return 2
                """);
        write(repo, "test_calc.py", """
                import pytest

                from calc import add


                def test_adds():
                    assert add(1, 2) == 3


                def test_fails():
                    assert add(1, 2) == 4


                @pytest.mark.skip(reason="later")
                def test_skipped():
                    pass


                @pytest.fixture
                def broken():
                    raise RuntimeError("fixture broke")


                def test_errors(broken):
                    pass
                """);
        write(repo, "roi.py", "print('computing')\nprint('{\"roi\": 12.5, \"speed\": 3, \"label\": \"x\"}')\n");
        RepoConfig config = configOf(repo, """
                lint: flake8 .
                test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml --cov=calc --cov-report=xml:$SELFCODE_OUT/coverage.xml
                coverage: $SELFCODE_OUT/coverage.xml
                metrics: python3 roi.py
                """);
        String before = treeDigest(repo);

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e).extracting(Evaluation::passed, Evaluation::failed, Evaluation::errored, Evaluation::skipped)
                .containsExactly(1, 1, 1, 1);
        assertThat(e.lintFindings()).as(e.logTail()).isEqualTo(1); // F401 'os' imported but unused
        // calc.py: 7 statements, 4 run (imports, both defs, add's body).
        assertThat(e.coverage()).hasValueSatisfying(c -> assertThat(c).isCloseTo(400.0 / 7, within(0.01)));
        assertThat(e.customMetrics()).isEqualTo(Map.of("roi", 12.5, "speed", 3.0));
        assertThat(e.exitCodes()).isEqualTo(Map.of("lint", 1, "test", 1, "metrics", 0));
        assertThat(e.cpuSeconds()).isGreaterThan(0.05).isLessThan(60);
        assertThat(e.peakMemoryBytes()).isGreaterThan(1 << 20).isLessThanOrEqualTo(512L << 20);
        assertThat(e.wallSeconds()).isGreaterThan(0);
        assertThat(e.logTail()).contains("$ test", "test_fails", "[test exited 1]", "F401");
        assertThat(treeDigest(repo)).as("the caller's repository was modified").isEqualTo(before);
    }

    @Test
    void mavenSurefireAndJacocoOffline() {
        write(repo, "pom.xml", SandboxTestSupport.seededMavenPom(
                "<configuration><testFailureIgnore>true</testFailureIgnore></configuration>", """
                        <plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId><version>0.8.13</version>
                          <executions>
                            <execution><id>agent</id><goals><goal>prepare-agent</goal></goals></execution>
                            <execution><id>report</id><phase>test</phase><goals><goal>report</goal></goals></execution>
                          </executions></plugin>
                        """));
        write(repo, "src/main/java/t/Calc.java", """
                package t;
                public final class Calc {
                    public static int add(int a, int b) { return a + b; }
                    public static int sub(int a, int b) { return a - b; }
                }
                """);
        write(repo, "src/test/java/t/CalcTest.java", """
                package t;
                import static org.junit.jupiter.api.Assertions.assertEquals;
                import org.junit.jupiter.api.Disabled;
                import org.junit.jupiter.api.Test;
                class CalcTest {
                    @Test void adds() { assertEquals(3, Calc.add(1, 2)); }
                    @Test void fails() { assertEquals(4, Calc.add(1, 2)); }
                    @Test void errors() { throw new IllegalStateException("boom"); }
                    @Disabled @Test void later() { }
                }
                """);
        RepoConfig config = configOf(repo, "coverage: target/site/jacoco/jacoco.xml\nlimits: { memory: 1g }\n");
        assertThat(config.image()).isEqualTo(SandboxTestSupport.JAVA);

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e).extracting(Evaluation::passed, Evaluation::failed, Evaluation::errored, Evaluation::skipped)
                .containsExactly(1, 1, 1, 1);
        // JaCoCo counts the implicit constructor's line too: 3 lines, add's covered.
        assertThat(e.coverage()).as(e.logTail()).hasValueSatisfying(c -> assertThat(c).isCloseTo(100.0 / 3, within(0.01)));
        assertThat(e.exitCodes()).containsEntry("test", 0);
        assertThat(Files.exists(repo.resolve("target"))).isFalse();
    }

    @Test
    void mavenBuildWhoseEnforcerAsksForMaven39AndJava21IsMeasuredInTheJdk21Image() {
        SandboxTestSupport.requireImages(SandboxTestSupport.JAVA21);
        write(repo, "pom.xml", SandboxTestSupport.seededMavenPom("", """
                <plugin><artifactId>maven-enforcer-plugin</artifactId><version>3.7.0</version>
                  <executions><execution><id>enforce</id><goals><goal>enforce</goal></goals><configuration><rules>
                    <requireMavenVersion><version>[3.9,)</version></requireMavenVersion>
                    <requireJavaVersion><version>[21,)</version></requireJavaVersion>
                  </rules></configuration></execution></executions>
                </plugin>
                """));
        write(repo, "src/test/java/t/VersionTest.java", """
                package t;
                import static org.junit.jupiter.api.Assertions.assertTrue;
                import org.junit.jupiter.api.Test;
                class VersionTest {
                    @Test void runsOnJava21() { assertTrue(Runtime.version().feature() >= 21); }
                }
                """);
        RepoConfig config = configOf(repo, "limits: { memory: 1g }\n");
        assertThat(config.image()).isEqualTo(SandboxTestSupport.JAVA21);

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e).extracting(Evaluation::passed, Evaluation::failed).containsExactly(1, 0);
    }

    @Test
    void mavenCompileErrorIsABuildFailure() {
        write(repo, "pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>t</groupId><artifactId>t</artifactId><version>1</version>
                  <properties><maven.compiler.release>17</maven.compiler.release></properties>
                  <build><plugins>
                    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                  </plugins></build>
                </project>
                """);
        write(repo, "src/main/java/t/Broken.java", "package t; class Broken { int x = ; }\n");
        RepoConfig config = configOf(repo, "limits: { memory: 1g }\n");

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.BUILD_FAILED);
        assertThat(e.exitCodes().get("test")).isNotZero();
        assertThat(e.logTail()).contains("COMPILATION ERROR", "without a JUnit report");
    }

    @Test
    void nodeTestRunnerJunitAndLcov() {
        write(repo, "package.json", """
                {"name": "t", "version": "1.0.0", "private": true,
                 "scripts": {"test": "node --test --experimental-test-coverage --test-reporter=lcov --test-reporter-destination=$SELFCODE_OUT/lcov.info"}}
                """);
        write(repo, "math.js", "function add(a, b) {\n  return a + b;\n}\nfunction sub(a, b) {\n  return a - b;\n}\n"
                + "module.exports = { add, sub };\n");
        write(repo, "test/math.test.js", """
                const test = require('node:test');
                const assert = require('node:assert');
                const { add } = require('../math.js');
                test('adds', () => assert.strictEqual(add(1, 2), 3));
                test('fails', () => assert.strictEqual(add(1, 2), 4));
                test('later', { skip: 'not yet' }, () => {});
                test.describe('group', () => {
                  test.it('nested', () => assert.ok(true));
                });
                """);
        RepoConfig config = configOf(repo, "coverage: $SELFCODE_OUT/lcov.info\n");
        assertThat(config.image()).isEqualTo(SandboxTestSupport.NODE);

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e).extracting(Evaluation::passed, Evaluation::failed, Evaluation::errored, Evaluation::skipped)
                .containsExactly(2, 1, 0, 1);
        assertThat(e.coverage()).as(e.logTail()).hasValueSatisfying(c -> assertThat(c).isBetween(50.0, 99.9));
        assertThat(e.exitCodes().get("test")).isNotZero();
    }

    @Test
    void aSuiteWithoutTestsIsNoTests() {
        write(repo, "test_nothing.py", "# no tests yet\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, ""));
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.NO_TESTS);
        assertThat(e.exitCodes()).containsEntry("test", 5);
    }

    @Test
    void failingSetupStopsTheRun() {
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, "setup: echo preparing; exit 3\n"));
        assertThat(e.status()).isEqualTo(Status.BUILD_FAILED);
        assertThat(e.exitCodes()).isEqualTo(Map.of("setup", 3));
        assertThat(e.logTail()).contains("preparing", "setup step failed");
    }

    @Test
    void aTestCommandWithoutReportIsABuildFailure() {
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, "test: echo cannot build >&2; exit 2\n"));
        assertThat(e.status()).isEqualTo(Status.BUILD_FAILED);
        assertThat(e.logTail()).contains("cannot build", "exited 2 without a JUnit report");
    }

    @Test
    void aGarbageReportIsABuildFailureNotANumber() {
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, """
                test: head -c 3000 /dev/urandom > $SELFCODE_OUT/junit.xml
                """));
        assertThat(e.status()).isEqualTo(Status.BUILD_FAILED);
        assertThat(e.cause()).contains("unusable test report $SELFCODE_OUT/junit.xml");
    }

    @Test
    void theReportFolderTakesNoFileButTheReportChannels(@TempDir Path host) {
        // If the host followed a link it would read a valid report with one passing test.
        write(host, "junit.xml", "<testsuite><testcase name=\"planted\"/></testsuite>");
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, "test: ln -sf " + host.resolve("junit.xml")
                + " $SELFCODE_OUT/junit.xml; ln -s /tmp/x $SELFCODE_OUT/other.xml; echo x > $SELFCODE_OUT/extra.xml;"
                + " ls -l $SELFCODE_OUT; exit 0\n"));
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.NO_TESTS);
        assertThat(e.passed()).isZero();
        assertThat(e.logTail()).contains("symbolic link '/selfcode/out/junit.xml': Permission denied",
                "'/selfcode/out/other.xml': Permission denied", "cannot create /selfcode/out/extra.xml")
                .containsPattern("prw-rw-rw- 1 root root +0 .* junit.xml");
    }
}
