package dev.selfcode.db;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts the {@link DatabaseKeeper} as a detached process and waits until its server accepts connections. */
final class KeeperLauncher {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private KeeperLauncher() {
    }

    /** Call under the control lock, so that only one keeper starts. */
    static ServerState start(DatabaseFolder folder, Duration idleStop) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Its own session: a Ctrl-C in the terminal of the command that happened to start it must not stop
            // the server that other commands share.
            command.add(SETSID.toString());
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-cp", classPath(), DatabaseKeeper.class.getName(), folder.home().toString(),
                Long.toString(idleStop.toMillis())));
        Process keeper = new ProcessBuilder(command).directory(folder.home().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.keeperLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline)) {
                Optional<ServerState> state = ServerState.read(folder).filter(ServerState::alive);
                if (state.isPresent()) {
                    return state.get();
                }
                if (!keeper.isAlive()) {
                    throw new IOException("the embedded MariaDB did not start:\n"
                            + DatabaseKeeper.tail(Files.readString(folder.keeperLog()), 20));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the embedded MariaDB started", e);
        }
        throw new IOException("the embedded MariaDB did not start within " + START_TIMEOUT.toSeconds() + " s (see "
                + folder.keeperLog() + ")");
    }

    /** Where the keeper class was loaded from: target/classes in tests, the application jar when packaged. */
    private static String classPath() throws IOException {
        CodeSource source = DatabaseKeeper.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell where " + DatabaseKeeper.class.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot run the database keeper from " + source.getLocation(), e);
        }
    }
}
