package dev.selfcode.workspace;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Where a repository lives: a local directory (CLI) or a URL with short-lived credentials (GitHub App).
 * Credentials are supplied on demand and never stored or shown.
 */
public record GitRemote(String url, Optional<Path> localDir, Supplier<Optional<CredentialsProvider>> credentials) {

    public static GitRemote local(Path dir) {
        return new GitRemote(dir.toUri().toString(), Optional.of(dir), Optional::empty);
    }

    public static GitRemote url(String url, Supplier<Optional<CredentialsProvider>> credentials) {
        return new GitRemote(url, Optional.empty(), credentials);
    }

    @Override
    public String toString() {
        return localDir.map(Path::toString).orElse(url);
    }
}
