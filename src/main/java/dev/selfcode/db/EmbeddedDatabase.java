package dev.selfcode.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded MariaDB used when no JDBC URL is configured, shared by every Selfcode process on one data folder.
 * <p>
 * The first process that needs it starts a small detached keeper process that runs mariadbd (bound to 127.0.0.1,
 * with a real user and a random password kept in the data folder), and later ones connect to it. Each process
 * holds a client lease (a shared file lock) until it ends; the keeper stops the server once nobody has held one
 * for the idle period. Binaries and data live under {@code <data dir>/mariadb} and survive restarts, wherever the
 * folder is.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "selfcode";
    public static final Duration DEFAULT_IDLE_STOP = Duration.ofMinutes(5);

    private final DatabaseFolder folder;
    private final Duration idleStop;
    private boolean leased;

    public EmbeddedDatabase(Path dataDir, Duration idleStop) {
        this.folder = DatabaseFolder.under(dataDir);
        this.idleStop = idleStop;
    }

    /**
     * Returns how to connect, starting the server first when none runs. Takes a client lease that lasts until
     * {@link #release()} or the end of this process, so the server never stops under a process that uses it.
     */
    public synchronized DatabaseAccess connect() throws IOException {
        folder.create();
        ServerState server = FolderLocks.underControl(folder, () -> {
            if (!leased) {
                FolderLocks.takeLease(folder);
                leased = true;
            }
            Optional<ServerState> running = ServerState.read(folder).filter(ServerState::alive);
            if (running.isPresent()) {
                return running.get();
            }
            MariaDbInstall.ensure(folder);
            DatabasePassword.readOrCreate(folder);
            return KeeperLauncher.start(folder, idleStop);
        });
        return new DatabaseAccess("jdbc:mariadb://127.0.0.1:" + server.port() + "/" + DATABASE, DatabaseKeeper.USER,
                DatabasePassword.read(folder));
    }

    /** Gives the lease back early (the end of the process does it too); the server may then stop when idle. */
    public synchronized void release() throws IOException {
        if (leased) {
            leased = false;
            FolderLocks.dropLease(folder);
        }
    }
}
