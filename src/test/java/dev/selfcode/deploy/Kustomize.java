package dev.selfcode.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code kubectl kustomize} (the one on PATH, or {@code $KUBECTL}) on a kustomization folder. */
final class Kustomize {

    static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "kubectl");

    private Kustomize() {
    }

    static boolean available() {
        try {
            return run(KUBECTL, "version", "--client").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The objects the kustomization renders, as YAML; fails with kubectl's own message. */
    static String build(Path dir) throws IOException {
        Result result = run(KUBECTL, "kustomize", dir.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + result.stderr());
        }
        return result.stdout();
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(String... command) throws IOException {
        Path out = Files.createTempFile("kustomize", ".out");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
