package dev.selfcode.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import dev.selfcode.db.DatabaseAccess;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testsupport.Requirements;

/**
 * Each of the doctor's checks against the real thing (MariaDB, the Docker engine, the fake GitHub, the LLM stub):
 * everything in order passes; then one thing broken at a time fails that check, with its fix, and the exit code 1.
 */
class DoctorTest {

    static final List<String> IMAGES = List.of("selfcode/python:3.11", "selfcode/java:17", "selfcode/java:21",
            "selfcode/node:20");
    static final Path M2 = Path.of(System.getenv().getOrDefault("SELFCODE_HOME", "/var/cache/selfcode"), "m2");

    static FakeGitHub github;
    static OpenAiStub llm;
    static DatabaseAccess db;

    @BeforeAll
    static void services() {
        db = new DatabaseAccess(
                System.getenv().getOrDefault("SELFCODE_TEST_DB_URL", "jdbc:mariadb://127.0.0.1:3306/selfcode_test"),
                System.getenv().getOrDefault("SELFCODE_TEST_DB_USER", "selfcode"),
                System.getenv().getOrDefault("SELFCODE_TEST_DB_PASSWORD", "selfcode"));
        // as every Selfcode start does
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).load().migrate();
        github = FakeGitHub.start();
        llm = OpenAiStub.start();
    }

    @AfterAll
    static void stop() {
        if (github != null) {
            github.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @BeforeEach
    void reset() {
        llm.reset();
        llm.answer("OK");
    }

    static DoctorSettings good(Path dataDir) {
        return new DoctorSettings(dataDir, DoctorSettings.defaultDockerHost(), IMAGES, Optional.of(M2), db,
                Flyway.configure(), new LlmEndpoint(true, llm.baseUrl(), "sk-stub", OpenAiStub.MODEL), app(
                        github.privateKeyPem()),
                1L << 20, Duration.ofSeconds(3));
    }

    static AppSettings app(String pem) {
        return new AppSettings(Optional.of(String.valueOf(github.appId())), Optional.of(pem),
                Optional.of("a-webhook-secret"), github.url());
    }

    @Test
    void everythingInOrderPasses(@TempDir Path data) {
        requireDockerAndImages();
        DoctorReport report = Doctor.examine(good(data));

        assertThat(report.results()).extracting(CheckResult::check).containsExactly("java", "docker",
                "sandbox images", "maven repository", "database", "llm", "github app", "webhook secret", "disk space");
        assertThat(report.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.OK));
        assertThat(report.exitCode()).isZero();
        assertThat(report.result("docker").detail()).matches("Docker \\S+ \\(API 1\\.\\d+\\) at .*");
        assertThat(report.result("database").detail()).contains("schema V", "writable");
        assertThat(report.result("github app").detail()).contains("id " + github.appId());
        assertThat(report.result("disk space").detail()).matches("\\d+\\.\\d GB free in .*");
    }

    @Test
    void engineNotReachable(@TempDir Path data) throws IOException {
        DoctorReport report = Doctor.examine(good(data).withDockerHost(URI.create("tcp://127.0.0.1:" + closedPort())));

        assertThat(report.result("docker")).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).startsWith("no Docker engine at tcp://127.0.0.1:");
            assertThat(r.fix()).contains("systemctl start docker", "DOCKER_HOST");
        });
        assertThat(report.result("sandbox images").verdict()).isEqualTo(Verdict.SKIP);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void imageMissing(@TempDir Path data) {
        requireDockerAndImages();
        DoctorReport report = Doctor.examine(good(data).withImages(List.of("selfcode/python:3.11",
                "selfcode-doctor/no-such-image:0")));

        assertThat(report.result("sandbox images")).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).isEqualTo("missing: selfcode-doctor/no-such-image:0");
            assertThat(r.fix()).contains("scripts/sandbox-images.sh");
        });
        assertThat(report.result("docker").verdict()).isEqualTo(Verdict.OK);
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void databaseNotReachable(@TempDir Path data) throws IOException {
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort() + "/selfcode";
        DoctorReport report = Doctor.examine(good(data).withDatabase(new DatabaseAccess(url, "selfcode", "x")));

        assertThat(report.result("database")).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).startsWith("cannot connect to " + url);
            assertThat(r.fix()).contains("QUARKUS_DATASOURCE_JDBC_URL");
        });
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void migrationPending(@TempDir Path data) {
        DoctorSettings s = good(data);
        DoctorSettings pending = new DoctorSettings(s.dataDir(), s.dockerHost(), s.images(), s.mavenRepository(),
                s.database(), Flyway.configure().locations("classpath:db/migration", "classpath:doctor/pending"),
                s.llm(), s.app(), s.minFreeBytes(), s.timeout());

        CheckResult r = Doctor.examine(pending).result("database");

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.detail()).startsWith("1 migration pending at " + db.url());
        assertThat(r.fix()).contains("migrations run at start");
    }

    @Test
    void llmDown(@TempDir Path data) throws IOException {
        llm.reset();
        llm.fail(500, "{\"error\":{\"message\":\"model overloaded\"}}");
        CheckResult failing = Doctor.examine(good(data)).result("llm");
        String closed = "http://127.0.0.1:" + closedPort() + "/v1";
        DoctorReport gone = Doctor.examine(good(data).withLlm(new LlmEndpoint(true, closed, "sk", "m")));

        assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failing.detail()).isEqualTo(llm.baseUrl() + " answered HTTP 500 to a one-token request for model "
                + OpenAiStub.MODEL + ": model overloaded");
        assertThat(gone.result("llm").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(gone.result("llm").detail()).startsWith("cannot reach " + closed);
        assertThat(gone.result("llm").fix()).contains("SELFCODE_LLM_BASE_URL");
        assertThat(gone.exitCode()).isEqualTo(1);
    }

    @Test
    void llmSlowerThanTheTimeout(@TempDir Path data) {
        llm.reset();
        llm.delay(Duration.ofSeconds(10), "late");
        DoctorSettings s = good(data);
        DoctorSettings oneSecond = new DoctorSettings(s.dataDir(), s.dockerHost(), s.images(), s.mavenRepository(),
                s.database(), s.migrations(), s.llm(), s.app(), s.minFreeBytes(), Duration.ofSeconds(1));

        CheckResult r = Doctor.examine(oneSecond).result("llm");

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.detail()).isEqualTo(llm.baseUrl() + " did not answer within 1 s");
    }

    @Test
    void noLlmConfiguredIsSkipped(@TempDir Path data) {
        DoctorReport report = Doctor.examine(good(data).withLlm(new LlmEndpoint(false, "https://api.openai.com/v1",
                "none", "gpt-4o-mini")));

        assertThat(report.result("llm").verdict()).isEqualTo(Verdict.SKIP);
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void appKeyThatDoesNotParse(@TempDir Path data) {
        DoctorReport report = Doctor.examine(good(data).withApp(app(
                "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n")));

        assertThat(report.result("github app")).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).startsWith("the private key does not parse");
            assertThat(r.fix()).contains("QUARKUS_GITHUB_APP_PRIVATE_KEY");
        });
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void appKeyGitHubDoesNotKnow(@TempDir Path data) throws GeneralSecurityException {
        DoctorReport report = Doctor.examine(good(data).withApp(app(anotherAppsKey())));

        assertThat(report.result("github app")).satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.detail()).isEqualTo(github.url() + " refused the JWT for app id " + github.appId()
                    + " (HTTP 401): the key is not this App's, or the id is wrong");
        });
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void noAppIsSkippedButASecretlessAppFails(@TempDir Path data) {
        DoctorReport cliOnly = Doctor.examine(good(data).withApp(new AppSettings(Optional.empty(),
                Optional.empty(), Optional.empty(), github.url())));
        DoctorReport noSecret = Doctor.examine(good(data).withApp(new AppSettings(
                Optional.of(String.valueOf(github.appId())), Optional.of(github.privateKeyPem()), Optional.empty(),
                github.url())));

        assertThat(cliOnly.result("github app").verdict()).isEqualTo(Verdict.SKIP);
        assertThat(cliOnly.result("webhook secret").verdict()).isEqualTo(Verdict.SKIP);
        assertThat(noSecret.result("github app").verdict()).isEqualTo(Verdict.OK);
        assertThat(noSecret.result("webhook secret").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(noSecret.result("webhook secret").fix()).contains("QUARKUS_GITHUB_APP_WEBHOOK_SECRET");
        assertThat(noSecret.exitCode()).isEqualTo(1);
    }

    @Test
    void mavenRepositoryMissingAndDiskFull(@TempDir Path data) {
        DoctorReport report = Doctor.examine(good(data).withMavenRepository(Optional.of(data.resolve("no-m2")))
                .withMinFreeBytes(Long.MAX_VALUE));

        assertThat(report.result("maven repository").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.result("maven repository").fix()).contains("scripts/sandbox-images.sh");
        assertThat(report.result("disk space").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.result("disk space").detail()).contains("GB free in " + data, "(needs ");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void oldJavaFails() {
        CheckResult r = new CheckJava(Runtime.Version.parse("11.0.2")).run();

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.detail()).contains("Java 11.0.2", "needs 17 or later");
    }

    @Test
    void aCheckThatThrowsFailsAloneAndTheOthersStillRun() {
        Check throwing = new Check() {

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CheckResult run() {
                throw new IllegalStateException("boom");
            }
        };

        DoctorReport report = Doctor.run(List.of(throwing, new CheckJava(Runtime.version())));

        assertThat(report.results()).extracting(CheckResult::verdict).containsExactly(Verdict.FAIL, Verdict.OK);
        assertThat(report.result("broken").detail()).contains("boom");
    }

    private static void requireDockerAndImages() {
        Requirements.require(DockerClientFactory.instance().isDockerAvailable(), "Docker is not available");
        for (String image : IMAGES) {
            boolean present;
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
                present = true;
            } catch (RuntimeException e) {
                present = false;
            }
            Requirements.require(present, image + " is missing: scripts/sandbox-images.sh builds it");
        }
        Requirements.require(Files.isDirectory(M2), M2 + " is missing: scripts/sandbox-images.sh fills it");
    }

    /** A well-formed RSA key that is not the fake App's. */
    static String anotherAppsKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** A port nothing listens on (for a moment; nothing here binds ports at random). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
