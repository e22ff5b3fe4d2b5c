package dev.selfcode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;

import org.jboss.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.jboss.logmanager.handlers.SizeRotatingFileHandler;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/**
 * Where a CLI command's logs go: to {@code <data-dir>/logs/selfcode.log}, never between the command's own lines.
 * {@code --verbose} also shows them on standard error. {@code serve} keeps Quarkus' console logging.
 */
public final class CliLogging {

    static final String FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n";
    static final long ROTATE_BYTES = 10L << 20;
    static final int BACKUPS = 5;

    /** The data folder as {@link Launch} decided it (every config source); null before it has. */
    private static volatile Path dataDir;

    private CliLogging() {
    }

    /** Sets the log properties before Quarkus reads its configuration; a user's own settings win. */
    static void configure(Path dataFolder, String... args) {
        dataDir = dataFolder;
        boolean verbose = verbose(args);
        Path file = logFileInUse();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            // Quarkus' file handler reports the same problem in its own words.
        }
        setIfAbsent("quarkus.log.file.enabled", "true");
        setIfAbsent("quarkus.log.file.path", file.toString());
        if (verbose) {
            System.setProperty("quarkus.log.console.enabled", "true");
        } else {
            setIfAbsent("quarkus.log.console.enabled", "false");
        }
        // Standard output carries the command's result, so logs shown with --verbose go to standard error.
        setIfAbsent("quarkus.log.console.stderr", "true");
        setIfAbsent("quarkus.log.level", "INFO");
        captureEarlyLogs(file, verbose);
        // A background thread's failure (a library's shutdown hook, such as Testcontainers pruning while another
        // Selfcode process prunes: "a prune operation is already running") belongs in the log, not in the output.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> Logger.getLogger(CliLogging.class)
                .warnf(e, "uncaught in thread %s", thread.getName()));
        // Many short runs share one file: mark where each begins.
        Logger.getLogger(CliLogging.class).infof("selfcode %s (pid %d)", args.length > 0 ? args[0] : "",
                ProcessHandle.current().pid());
    }

    /**
     * What happens when a CLI command ends, successfully or because Quarkus could not start: on a failed start,
     * one line with the cause and the fix instead of Quarkus' start-up log and stack traces (they go to the log
     * file), and exit code 2 for a bad setting.
     */
    public static BiConsumer<Integer, Throwable> onExit(String... args) {
        if (args.length > 0 && "serve".equals(args[0])) {
            return null;
        }
        PrintStream err = System.err;
        return (code, failure) -> {
            int exit = code;
            if (failure != null) {
                Path file = logFileInUse();
                Logger.getLogger(CliLogging.class).error("Selfcode could not start", failure);
                StartupFailure explained = StartupFailure.explain(failure);
                err.println("selfcode: " + explained.message());
                if (!explained.badSetting()) {
                    err.println("selfcode: details in " + file);
                }
                exit = explained.exitCode();
            }
            err.flush();
            System.exit(exit);
        };
    }

    /**
     * Until Quarkus sets up its own handlers, log records are queued; when start-up fails, Quarkus prints the whole
     * queue to the console. Send them to the log file from the start instead; Quarkus replaces this handler with
     * the configured ones once it is up.
     */
    private static void captureEarlyLogs(Path file, boolean verbose) {
        List<Handler> handlers = new ArrayList<>();
        try {
            SizeRotatingFileHandler handler = new SizeRotatingFileHandler(file.toFile(), true, ROTATE_BYTES, BACKUPS);
            handler.setFormatter(new PatternFormatter(FORMAT));
            handler.setAutoFlush(true);
            handlers.add(handler);
        } catch (IOException | RuntimeException e) {
            // no file: queued records are dropped rather than printed among the command's lines
        }
        if (verbose) {
            ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter(FORMAT));
            handlers.add(console);
        }
        // Before Quarkus applies quarkus.log.level every logger is at ALL: keep what it would keep.
        handlers.forEach(h -> h.setLevel(Level.INFO));
        InitialConfigurator.DELAYED_HANDLER.setHandlers(handlers.toArray(Handler[]::new));
    }

    /** The user's {@code quarkus.log.file.path}, else {@link #logFile()}. */
    static Path logFileInUse() {
        String configured = Launch.configured("quarkus.log.file.path");
        return configured != null ? Path.of(configured).toAbsolutePath() : logFile();
    }

    /** {@code <data-dir>/logs/selfcode.log}; the data folder as {@link Launch} decided it. */
    static Path logFile() {
        Path dir = dataDir != null
                ? dataDir
                : Path.of(orDefault(Launch.configured("selfcode.data-dir"), System.getProperty("user.home") + "/.selfcode"));
        return dir.resolve("logs").resolve("selfcode.log").toAbsolutePath().normalize();
    }

    static boolean verbose(String... args) {
        return Arrays.asList(args).contains("--verbose");
    }

    private static void setIfAbsent(String key, String value) {
        if (Launch.configured(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String orDefault(String v, String d) {
        return v == null ? d : v;
    }
}
