package dev.selfcode.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files of the embedded database under {@code <data dir>/mariadb}: binaries, data, the password, the state of
 * the running server and the locks that let several Selfcode processes share it. Used by the clients and by the
 * keeper process, so it needs nothing but the JDK.
 */
record DatabaseFolder(Path home) {

    static DatabaseFolder under(Path dataDir) {
        return new DatabaseFolder(dataDir.toAbsolutePath().normalize().resolve("mariadb"));
    }

    /** Creates the folder readable by its owner only: it holds the password and every table. */
    DatabaseFolder create() throws IOException {
        Files.createDirectories(home);
        try {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to tighten.
        }
        return this;
    }

    Path base() {
        return home.resolve("base");
    }

    Path data() {
        return home.resolve("data");
    }

    Path tmp() {
        return home.resolve("tmp");
    }

    Path server() {
        return base().resolve("bin").resolve("mariadbd");
    }

    Path libs() {
        return base().resolve("libs");
    }

    Path password() {
        return home.resolve("password");
    }

    /** Port and process ids of the running server, written once it accepts connections. */
    Path state() {
        return home.resolve("server.properties");
    }

    Path keeperPid() {
        return home.resolve("keeper.pid");
    }

    /** Held (exclusively, briefly) around every decision to start or stop the server. */
    Path controlLock() {
        return home.resolve("control.lock");
    }

    /** Every process that uses the server holds a shared lock on it; the keeper stops when it gets it exclusively. */
    Path clientsLock() {
        return home.resolve("clients.lock");
    }

    Path initFile() {
        return home.resolve("init.sql");
    }

    Path serverLog() {
        return home.resolve("mariadbd.log");
    }

    Path keeperLog() {
        return home.resolve("keeper.log");
    }

    /** mariadbd always opens a unix socket; a path over 107 bytes is refused, so long folders use the temp dir. */
    Path socket(int port) {
        Path inside = home.resolve("mariadbd.sock");
        return inside.toString().length() < 100
                ? inside
                : Path.of(System.getProperty("java.io.tmpdir"), "selfcode-mariadb-" + port + ".sock");
    }
}
