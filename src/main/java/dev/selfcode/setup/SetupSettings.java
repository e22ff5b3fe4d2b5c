package dev.selfcode.setup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the setup server runs: GitHub's web root (where the manifest is posted) and REST API root (where the code is
 * exchanged), both configurable for GitHub Enterprise Server; this server's public URL (the webhook's); where it
 * listens; whether it answers other hosts than loopback; whether the credentials are printed instead of stored.
 */
record SetupSettings(String githubUrl, String apiUrl, Optional<String> publicUrl, String webhookPath, String host,
        int port, boolean setupPublic, boolean printEnv, Path dataDir) {
}
