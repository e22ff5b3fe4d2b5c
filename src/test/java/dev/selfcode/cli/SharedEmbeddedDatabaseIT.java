package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.selfcode.it.ProdServer;
import dev.selfcode.testing.FakeGitHub;

/**
 * The packaged CLI ({@code target/quarkus-app}, or {@code -Dselfcode.it.app=DIR}) as separate processes on one data
 * folder with the embedded MariaDB: runs at once share one server, {@code serve} keeps it running, and it stops
 * (leaving no process) once idle.
 */
class SharedEmbeddedDatabaseIT {

    static final Path APP = Path.of(System.getProperty("selfcode.it.app", "target/quarkus-app"));

    record Run(String name, Process process, Path log) {

        int exit() throws InterruptedException {
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as(name + " finished").isTrue();
            return process.exitValue();
        }

        String out() throws IOException {
            return Files.readString(log);
        }
    }

    @Test
    void applyAndHistoryRunsAtOnceShareOneServerThatStopsWhenIdle() throws Exception {
        // Under java.io.tmpdir on purpose: the data must survive there too.
        Path dataDir = Files.createTempDirectory("selfcode-shared-");
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-");
        List<Run> applies = new ArrayList<>();
        List<Run> histories = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path repo = TestRepos.create(work.resolve("repo" + i), TestRepos.python("60s"));
            applies.add(start(work, dataDir, "apply" + i, "apply", "--repo", repo.toString(), "--file", "textutils.py",
                    "--generator", "template", "normalize text " + i));
            histories.add(start(work, dataDir, "history" + i, "history"));
        }
        for (Run r : applies) {
            assertThat(r.exit()).as(r.name() + ":\n" + r.out()).isIn(0, 3);
            assertNoStackTrace(r);
        }
        for (Run r : histories) {
            assertThat(r.exit()).as(r.name() + ":\n" + r.out()).isZero();
            assertNoStackTrace(r);
        }

        Run listed = start(work, dataDir, "history-after", "history", "--limit", "50");
        assertThat(listed.exit()).as(listed.out()).isZero();
        assertThat(listed.out()).contains("normalize text 1", "normalize text 2", "normalize text 3")
                .doesNotContain("PENDING");

        Properties server = serverState(dataDir);
        long keeper = Long.parseLong(server.getProperty("keeper-pid"));
        long mariadbd = Long.parseLong(server.getProperty("server-pid"));
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && (alive(keeper) || alive(mariadbd))) {
            Thread.sleep(200);
        }
        assertThat(alive(keeper)).as("keeper still running after the idle period").isFalse();
        assertThat(alive(mariadbd)).as("mariadbd still running after the idle period").isFalse();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dataDir.toString())))
                .as("processes left on the data folder").isEmpty();
        assertThat(dataDir.resolve("mariadb/server.properties")).doesNotExist();
        deleteTree(dataDir); // kept when the test fails, to read the logs in it
    }

    static void deleteTree(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aJdbcUrlInConfigApplicationPropertiesBesideTheWorkingFolderIsUsed() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "configured-");
        Path dataDir = work.resolve("data");
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/application.properties"), String.join("\n",
                "quarkus.datasource.jdbc.url="
                        + env("SELFCODE_TEST_DB_URL", "jdbc:mariadb://127.0.0.1:3306/selfcode_test"),
                "quarkus.datasource.username=" + env("SELFCODE_TEST_DB_USER", "selfcode"),
                "quarkus.datasource.password=" + env("SELFCODE_TEST_DB_PASSWORD", "selfcode"), ""));
        Run history = start(work, dataDir, "history", "history");
        assertThat(history.exit()).as(history.out()).isZero();
        assertNoStackTrace(history);
        assertThat(dataDir.resolve("mariadb")).as("an embedded database was started").doesNotExist();
    }

    @Test
    void aRunningServerKeepsTheDatabaseUpAndItStopsAfterTheServer() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "serve-data-");
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", "", "QUARKUS_DATASOURCE_USERNAME", "",
                "QUARKUS_DATASOURCE_PASSWORD", "", "SELFCODE_DATA_DIR", dataDir.toString(),
                "SELFCODE_EMBEDDED_DB_IDLE_STOP", "1s");
        long keeper;
        long mariadbd;
        try (FakeGitHub fake = FakeGitHub.start(); ProdServer server = ProdServer.start(fake, "s3cret", env)) {
            // Ready means migrated on the embedded database, several idle periods after serve took its lease.
            Properties state = serverState(dataDir);
            keeper = Long.parseLong(state.getProperty("keeper-pid"));
            mariadbd = Long.parseLong(state.getProperty("server-pid"));
            assertThat(alive(keeper)).isTrue();
            assertThat(alive(mariadbd)).isTrue();
            Run history = start(dataDir.getParent(), dataDir, "history-while-serving", "history");
            assertThat(history.exit()).as(history.out()).isZero();
            assertThat(serverState(dataDir).getProperty("server-pid")).isEqualTo(Long.toString(mariadbd));
        }
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && (alive(keeper) || alive(mariadbd))) {
            Thread.sleep(200);
        }
        assertThat(alive(keeper)).as("keeper still running after serve stopped").isFalse();
        assertThat(alive(mariadbd)).as("mariadbd still running after serve stopped").isFalse();
    }

    static Properties serverState(Path dataDir) throws IOException {
        Properties server = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("mariadb/server.properties"))) {
            server.load(in);
        }
        return server;
    }

    Run start(Path work, Path dataDir, String name, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                APP.resolve("quarkus-run.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_DATASOURCE_"));
        env.put("SELFCODE_DATA_DIR", dataDir.toString());
        env.put("SELFCODE_EMBEDDED_DB_IDLE_STOP", "2s");
        env.put("TESTCONTAINERS_RYUK_DISABLED", "true");
        env.put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        env.put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        return new Run(name, builder.start(), log);
    }

    static void assertNoStackTrace(Run r) throws IOException {
        assertThat(r.out()).as(r.name()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
