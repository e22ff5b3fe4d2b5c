package dev.selfcode.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs the real {@code kubectl kustomize} (the one on PATH, or {@code $KUBECTL}) on a kustomization folder. */
final class Kustomize {

    static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "kubectl");

    private Kustomize() {
    }

    static boolean available() {
        return Commands.available(KUBECTL, "version", "--client");
    }

    /** The objects the kustomization renders, as YAML; fails with kubectl's own message. */
    static String build(Path dir) throws IOException {
        Commands.Result result;
        try {
            result = Commands.run(Duration.ofMinutes(2), KUBECTL, "kustomize", dir.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while kubectl kustomize " + dir + " ran", e);
        }
        if (result.exit() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + result.stderr());
        }
        return result.stdout();
    }
}
