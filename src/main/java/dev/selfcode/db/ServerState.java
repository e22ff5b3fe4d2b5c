package dev.selfcode.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/** What the keeper publishes once the server accepts connections: the port and both process ids. */
record ServerState(int port, long keeperPid, long serverPid) {

    static Optional<ServerState> read(DatabaseFolder folder) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.state())) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServerState(Integer.parseInt(p.getProperty("port")),
                    Long.parseLong(p.getProperty("keeper-pid")), Long.parseLong(p.getProperty("server-pid"))));
        } catch (RuntimeException e) {
            return Optional.empty(); // torn or foreign: treated as "not running"
        }
    }

    /** Replaces the file in one step, so a reader sees the old state or the new one, never half of it. */
    void write(DatabaseFolder folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("keeper-pid", Long.toString(keeperPid));
        p.setProperty("server-pid", Long.toString(serverPid));
        Path tmp = folder.state().resolveSibling(folder.state().getFileName() + ".new");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "the embedded MariaDB, written by its keeper process");
        }
        Files.move(tmp, folder.state(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Usable only while both the keeper (which stops it when idle) and the server run. */
    boolean alive() {
        return isAlive(keeperPid) && isAlive(serverPid);
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
