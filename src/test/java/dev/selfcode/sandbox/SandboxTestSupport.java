package dev.selfcode.sandbox;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.testsupport.Requirements;

/** Real sandboxes for tests: the images from scripts/sandbox-images.sh and its Maven repository. */
final class SandboxTestSupport {

    static final String PYTHON = "selfcode/python:3.11";
    // The Java images may be a second set under test (scripts/sandbox-images.sh with SELFCODE_IMAGE_PREFIX), named as
    // the application's own keys.
    static final String JAVA = System.getProperty("selfcode.sandbox.java-image", "selfcode/java:17");
    static final String JAVA21 = System.getProperty("selfcode.sandbox.java21-image", "selfcode/java:21");
    static final String NODE = "selfcode/node:20";

    /** SelfcodeConfig.Sandbox as plain values, for tests without Quarkus. */
    record Settings(String pythonImage, String javaImage, String nodeImage, double cpus, String memory, long pids,
            Duration timeout, int outputLimit, Optional<Path> mavenRepository, String java21Image)
            implements
                SelfcodeConfig.Sandbox {
    }

    private SandboxTestSupport() {
    }

    static Settings settings(long pids, int outputLimit) {
        String home = Optional.ofNullable(System.getenv("SELFCODE_HOME")).orElse("/var/cache/selfcode");
        return new Settings(PYTHON, JAVA, NODE, 1, "512m", pids, Duration.ofSeconds(60), outputLimit,
                Optional.of(Path.of(home, "m2")), JAVA21);
    }

    static Settings settings() {
        return settings(128, 64 * 1024);
    }

    static Sandbox sandbox() {
        return new Sandbox(settings());
    }

    /**
     * Skips when no Docker engine answers (a machine without Docker cannot run these), but fails under
     * {@code CI=true}, where a skipped sandbox test would prove nothing; fails loudly when Docker answers but an
     * image is missing, since that is a broken setup rather than an absent capability.
     */
    static void requireImages(String... images) {
        Requirements.require(DockerClientFactory.instance().isDockerAvailable(),
                "Docker is not available: the sandbox tests need a Docker engine (see DOCKER_HOST)");
        var docker = DockerClientFactory.instance().client();
        for (String image : images) {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                fail("sandbox image " + image + " is missing: run scripts/sandbox-images.sh");
            }
        }
    }

    /** The repository's config as a user would write it in .github/selfcode.yml (plus what is inferred). */
    static RepoConfig configOf(Path repo, String yaml) {
        try {
            write(repo, RepoConfig.PATH, yaml);
            return new RepoConfigReader(settings()).read(repo);
        } catch (RepoConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static RepoConfig.Limits limits(Duration timeout, long memoryBytes) {
        return new RepoConfig.Limits(1, memoryBytes, timeout);
    }

    /**
     * A one-module JUnit 5 pom using only the plugin versions the offline repository is seeded with; {@code surefire}
     * goes inside Surefire's plugin element (e.g. a configuration), {@code morePlugins} after it.
     */
    static String seededMavenPom(String surefire, String morePlugins) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>t</groupId><artifactId>t</artifactId><version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
                      <version>5.13.4</version><scope>test</scope></dependency>
                  </dependencies>
                  <build><plugins>
                    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version>%s</plugin>
                    %s
                  </plugins></build>
                </project>
                """.formatted(surefire, morePlugins);
    }

    static void write(Path dir, String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A digest of every path, link target, mode and content under {@code dir}: equal means untouched. */
    static String treeDigest(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : all.sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).toString()
                        .getBytes(StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(p)) {
                    md.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p)) {
                    md.update(Files.readAllBytes(p));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
