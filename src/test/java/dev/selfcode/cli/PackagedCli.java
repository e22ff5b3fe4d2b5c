package dev.selfcode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code bin/selfcode} (the packaged jar) as a user would, against the test database, and keeps what it
 * printed on standard output and standard error apart.
 */
final class PackagedCli {

    static final Path WRAPPER = Path.of("bin/selfcode");
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    /** A line of a Java stack trace, or an exception's own first line (“java.net.ConnectException: ...”). */
    private static final Pattern STACK = Pattern.compile("^\\s+at \\S+\\(.*\\)$|^\\s*\\.\\.\\. \\d+ more$"
            + "|^(Caused by: )?[\\w.$]+(Exception|Error)(: .*)?$");

    record Run(int exit, String out, String err) {

        String all() {
            return out + err;
        }

        /** Lines that belong to a log or a stack trace rather than to the command. */
        List<String> noise() {
            return all().lines().filter(l -> STACK.matcher(l).find() || l.contains("Ryuk") || l.contains("*****")
                    || l.matches(".*\\b(INFO|WARN|WARNING|ERROR|DEBUG)\\b.*\\[.*") || l.matches("^(INFO|WARNING|SEVERE): .*"))
                    .toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();

    PackagedCli(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -B -q package -DskipTests first");
        }
    }

    PackagedCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path logFile() {
        return dataDir.resolve("logs/selfcode.log");
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WRAPPER.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(Path.of("target").toAbsolutePath(), "cli-out-", ".txt");
        Path err = Files.createTempFile(Path.of("target").toAbsolutePath(), "cli-err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> e = builder.environment();
        // Only what the test names reaches the CLI: no LLM endpoint or key from the developer's shell.
        e.keySet().removeIf(k -> k.startsWith("SELFCODE_") || k.startsWith("QUARKUS_"));
        e.put("JAVA_OPTS", "-Xmx512m");
        e.put("SELFCODE_DATA_DIR", dataDir.toString());
        e.put("QUARKUS_DATASOURCE_JDBC_URL", System.getenv().getOrDefault("SELFCODE_TEST_DB_URL",
                "jdbc:mariadb://127.0.0.1:3306/selfcode_test"));
        e.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("SELFCODE_TEST_DB_USER", "selfcode"));
        e.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SELFCODE_TEST_DB_PASSWORD", "selfcode"));
        e.putAll(env);
        Process p = builder.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("selfcode " + String.join(" ", args) + " did not end within 5 minutes");
        }
        try {
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
