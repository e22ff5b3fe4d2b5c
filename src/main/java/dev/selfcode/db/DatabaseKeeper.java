package dev.selfcode.db;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The detached process that runs the embedded MariaDB for every Selfcode process on one data folder, and stops it
 * once no process has held a client lease for the idle period. {@link EmbeddedDatabase} starts it; it needs only
 * the JDK, so it starts in a fraction of a second and stays small.
 */
public final class DatabaseKeeper {

    static final String USER = "selfcode";
    private static final String READY = "ready for connections";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final long LOG_LIMIT = 1 << 20;

    private final DatabaseFolder folder;
    private final Duration idleStop;
    private Process server;
    private Instant idleSince;

    DatabaseKeeper(DatabaseFolder folder, Duration idleStop) {
        this.folder = folder;
        this.idleStop = idleStop;
    }

    /** Arguments: the database folder ({@code <data dir>/mariadb}) and the idle period in milliseconds. */
    public static void main(String[] args) {
        DatabaseKeeper keeper = new DatabaseKeeper(new DatabaseFolder(Path.of(args[0])),
                Duration.ofMillis(Long.parseLong(args[1])));
        System.exit(keeper.run());
    }

    int run() {
        try {
            Files.writeString(folder.keeperPid(), Long.toString(ProcessHandle.current().pid()));
            stopLeftover();
            server = startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopServer, "stop mariadbd"));
            log("mariadbd " + server.pid() + " is ready; it stops after " + idleStop.toSeconds()
                    + " s without clients");
            keepWhileUsed();
            return 0;
        } catch (IOException | RuntimeException e) {
            log("failed: " + e);
            stopServer();
            return 1;
        } catch (InterruptedException e) {
            stopServer();
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A server whose keeper was killed (kill -9) still holds the data files: stop it before starting another. */
    private void stopLeftover() throws IOException, InterruptedException {
        var old = ServerState.read(folder);
        if (old.isPresent()) {
            var handle = ProcessHandle.of(old.get().serverPid()).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> Path.of(c).equals(folder.server())).orElse(false));
            if (handle.isPresent()) {
                log("stopping mariadbd " + handle.get().pid() + " left by a keeper that died");
                handle.get().destroy();
                try {
                    handle.get().onExit().get(60, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    handle.get().destroyForcibly();
                }
            }
            Files.deleteIfExists(folder.state());
        }
    }

    private Process startServer() throws IOException, InterruptedException {
        rotate(folder.serverLog());
        writeInitFile(Files.readString(folder.password()).strip());
        try {
            for (int attempt = 1;; attempt++) {
                int port = freePort();
                long offset = Files.exists(folder.serverLog()) ? Files.size(folder.serverLog()) : 0;
                ProcessBuilder builder = new ProcessBuilder(command(port)).directory(folder.base().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.serverLog().toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().put("LD_LIBRARY_PATH", folder.libs().toString());
                Process p = builder.start();
                if (awaitReady(p, offset)) {
                    new ServerState(port, ProcessHandle.current().pid(), p.pid()).write(folder);
                    return p;
                }
                String said = logSince(offset);
                // Another program may take the free port between our probe and mariadbd's bind: try another one.
                if (attempt < 3 && (said.contains("Address already in use") || said.contains("Bind on TCP/IP port"))) {
                    continue;
                }
                throw new IOException("mariadbd did not start (see " + folder.serverLog() + "):\n" + tail(said, 15));
            }
        } finally {
            Files.deleteIfExists(folder.initFile());
        }
    }

    private List<String> command(int port) {
        List<String> command = new ArrayList<>(List.of(folder.server().toString(),
                "--no-defaults", // must come first: no my.cnf of the machine applies
                "--basedir=" + folder.base(), "--datadir=" + folder.data(), "--tmpdir=" + folder.tmp(),
                // Reachable from this machine only, and never without a password (no --skip-grant-tables).
                "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + folder.socket(port),
                "--skip-name-resolve", "--init-file=" + folder.initFile(),
                // A bot's database, not a production server.
                "--innodb-buffer-pool-size=64M", "--max-allowed-packet=64M"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root"); // mariadbd refuses to run as root unless told to
        }
        return command;
    }

    /**
     * Run by mariadbd itself at every start, before it accepts connections: the application's database and user,
     * with the password from the folder, so no one ever needs to log in as root.
     */
    private void writeInitFile(String password) throws IOException {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IOException(folder.password() + " does not hold a generated password");
        }
        String account = "'" + USER + "'@'127.0.0.1'";
        String sql = "CREATE DATABASE IF NOT EXISTS `" + EmbeddedDatabase.DATABASE + "`;\n"
                + "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';\n"
                + "ALTER USER " + account + " IDENTIFIED BY '" + password + "';\n"
                + "GRANT ALL PRIVILEGES ON `" + EmbeddedDatabase.DATABASE + "`.* TO " + account + ";\n";
        Files.deleteIfExists(folder.initFile());
        Files.createFile(folder.initFile(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(folder.initFile(), sql);
    }

    private boolean awaitReady(Process p, long offset) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (logSince(offset).contains(READY)) {
                return true;
            }
            if (!p.isAlive()) {
                return false;
            }
            Thread.sleep(25);
        }
        p.destroyForcibly();
        throw new IOException("mariadbd was not ready within " + START_TIMEOUT.toSeconds() + " s (see "
                + folder.serverLog() + ")");
    }

    private void keepWhileUsed() throws IOException, InterruptedException {
        long poll = Math.max(100, Math.min(1000, idleStop.toMillis() / 4));
        while (true) {
            boolean stopped = FolderLocks.underControl(folder, () -> {
                if (!server.isAlive()) {
                    log("mariadbd exited with " + server.exitValue());
                    stopServer();
                    return true;
                }
                if (!FolderLocks.noClients(folder)) {
                    idleSince = null;
                } else if (idleSince == null) {
                    idleSince = Instant.now();
                } else if (!Instant.now().isBefore(idleSince.plus(idleStop))) {
                    log("no clients for " + idleStop.toSeconds() + " s: stopping mariadbd");
                    // Under the control lock: a client that comes now waits and then starts a fresh server.
                    stopServer();
                    return true;
                }
                return false;
            });
            if (stopped) {
                return;
            }
            Thread.sleep(poll);
        }
    }

    /** Stops the server (SIGTERM: a clean InnoDB shutdown) and removes what said it runs. Safe to call twice. */
    private synchronized void stopServer() {
        try {
            long me = ProcessHandle.current().pid();
            // Only our own files: by the time the shutdown hook runs, a next keeper may have written its own.
            if (ServerState.read(folder).map(s -> s.keeperPid() == me).orElse(false)) {
                Files.deleteIfExists(folder.state());
            }
            if (server != null && server.isAlive()) {
                server.destroy();
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            if (Files.exists(folder.keeperPid())
                    && Files.readString(folder.keeperPid()).strip().equals(Long.toString(me))) {
                Files.delete(folder.keeperPid());
            }
        } catch (IOException e) {
            log("cleaning up: " + e);
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logSince(long offset) throws IOException {
        if (!Files.exists(folder.serverLog())) {
            return "";
        }
        try (InputStream in = Files.newInputStream(folder.serverLog())) {
            in.skipNBytes(Math.min(offset, Files.size(folder.serverLog())));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void rotate(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > LOG_LIMIT) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".old"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " keeper " + ProcessHandle.current().pid() + ": " + message);
    }
}
