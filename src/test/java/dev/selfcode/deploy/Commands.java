package dev.selfcode.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real tools a deployment test needs (docker, docker-compose, kubectl) and keeps what they printed. */
final class Commands {

    /** What a command printed on stdout and on stderr, and its exit code. */
    record Result(int exit, String stdout, String stderr) {

        /** Both streams, stdout first (for a message or a check on what a tool said). */
        String output() {
            return stderr.isEmpty() ? stdout : stdout + stderr;
        }
    }

    private Commands() {
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, Map.of(), command);
    }

    /** Runs {@code command} from the checkout with {@code env} added; kills it after {@code timeout}. */
    static Result run(Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("selfcode-command-", ".out");
        Path err = Files.createTempFile("selfcode-command-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(out, StandardCharsets.UTF_8), String.join(" ", command)
                        + " did not finish within " + timeout + "\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Whether {@code command} runs and exits 0 (a tool that is missing or a service that does not answer: false). */
    static boolean available(String... command) {
        try {
            return run(Duration.ofSeconds(30), command).exit() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
