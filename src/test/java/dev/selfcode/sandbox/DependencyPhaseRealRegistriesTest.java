package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/**
 * Real projects' dependencies from the real Maven Central and npm registry (the registries this machine reaches),
 * each measured end to end from an empty cache, then again with no request at all.
 */
class DependencyPhaseRealRegistriesTest {

    static final Registry CENTRAL = new Registry("central", Registry.Type.MAVEN,
            URI.create("https://repo.maven.apache.org/maven2/"), Optional.empty(), Optional.empty());
    static final Registry NPMJS = new Registry("npmjs", Registry.Type.NPM, URI.create("https://registry.npmjs.org/"),
            Optional.empty(), Optional.empty());

    @TempDir
    Path repo;
    @TempDir
    Path cache;

    @BeforeAll
    static void network() {
        DepsTestSupport.requireNetwork();
        SandboxTestSupport.requireImages(SandboxTestSupport.JAVA);
    }

    @Test
    void mavenProjectPinningPluginsNobodySeededRunsOfflineAfterTheDepsPhase() throws Exception {
        write(repo, "pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.selfcode.fixture</groupId>
                  <artifactId>pinned</artifactId>
                  <version>1.0.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
                      <version>5.10.1</version><scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
                        <version>3.11.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId>
                        <version>3.2.3</version>
                      </plugin>
                      <plugin>
                        <groupId>org.sonatype.plugins</groupId><artifactId>nexus-staging-maven-plugin</artifactId>
                        <version>1.6.13</version><extensions>true</extensions>
                        <configuration>
                          <serverId>ossrh</serverId><nexusUrl>https://s01.oss.sonatype.org/</nexusUrl>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """);
        write(repo, "src/main/java/demo/Calc.java", """
                package demo;

                public class Calc {
                    public static int add(int a, int b) {
                        return a + b;
                    }
                }
                """);
        write(repo, "src/test/java/demo/CalcTest.java", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CalcTest {
                    @Test
                    void adds() {
                        assertEquals(3, Calc.add(1, 2));
                    }

                    @Test
                    void addsNegatives() {
                        assertEquals(-1, Calc.add(1, -2));
                    }
                }
                """);
        RepoConfig config = new dev.selfcode.config.RepoConfigReader(SandboxTestSupport.settings()).read(repo);
        assertThat(config.deps()).startsWith("mvn -B").contains("-Dtest='#selfcodeResolvesOnly'");
        config = withTimeout(config);
        Sandbox sandbox = DepsTestSupport.sandbox(cache, List.of(CENTRAL));

        Evaluation first = sandbox.evaluate(repo, config);
        assertThat(first.status()).as(first.cause() + first.logTail()).isEqualTo(Status.OK);
        assertThat(first.passed()).isEqualTo(2);
        List<String> log = DepsTestSupport.gatewayLog(cache);
        assertThat(log).anyMatch(l -> l.contains("maven-surefire-plugin/3.2.3") && l.endsWith(" 200"))
                .anyMatch(l -> l.contains("nexus-staging-maven-plugin/1.6.13") && l.endsWith(" 200"))
                .anyMatch(l -> l.contains("surefire-junit-platform"))
                // the staging plugin's parent names Sonatype's repository: refused, and Central serves it all
                .anyMatch(l -> l.contains("REFUSED") && l.contains("repository.sonatype.org"));

        Evaluation second = sandbox.evaluate(repo, config);
        assertThat(second.status()).as(second.cause() + second.logTail()).isEqualTo(Status.OK);
        assertThat(second.passed()).isEqualTo(2);
        assertThat(DepsTestSupport.gatewayLog(cache)).as("no request on the second evaluation").isEqualTo(log);
    }

    @Test
    void nodeProjectWithMochaFromNpm() throws Exception {
        write(repo, "package.json", """
                {"name": "app", "version": "1.0.0", "scripts": {"test": "mocha"},
                 "devDependencies": {"mocha": "10.2.0"}}
                """);
        write(repo, "index.js", "module.exports = (a, b) => a + b;\n");
        write(repo, "test/add.test.js", """
                const assert = require('assert');
                const add = require('..');
                describe('add', () => {
                  it('adds', () => assert.strictEqual(add(1, 2), 3));
                  it('adds zero', () => assert.strictEqual(add(1, 0), 1));
                });
                """);
        RepoConfig config = withTimeout(configOf(repo, """
                image: selfcode/node:20
                test: node_modules/.bin/mocha --reporter xunit --reporter-option output=$SELFCODE_OUT/junit.xml
                """));
        Sandbox sandbox = DepsTestSupport.sandbox(cache, List.of(NPMJS));

        Evaluation first = sandbox.evaluate(repo, config);
        assertThat(first.status()).as(first.cause() + first.logTail()).isEqualTo(Status.OK);
        assertThat(first.passed()).isEqualTo(2);
        List<String> log = DepsTestSupport.gatewayLog(cache);
        assertThat(log).anyMatch(l -> l.contains("GET /mocha/-/mocha-10.2.0.tgz") && l.endsWith(" 200"))
                .noneMatch(l -> l.contains("REFUSED"));

        Evaluation second = sandbox.evaluate(repo, config);
        assertThat(second.status()).as(second.cause() + second.logTail()).isEqualTo(Status.OK);
        assertThat(DepsTestSupport.gatewayLog(cache)).as("no request on the second evaluation").isEqualTo(log);
    }

    private static RepoConfig withTimeout(RepoConfig c) {
        return new RepoConfig(c.image(), c.setup(), c.lint(), c.test(), c.coverage(), c.metrics(), c.threshold(),
                c.paths(), new RepoConfig.Limits(2, 1L << 30, java.time.Duration.ofMinutes(5)), c.sweep(),
                c.automerge(), c.inferred(), c.deps(), c.counting());
    }
}
