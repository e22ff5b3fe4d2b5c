package dev.selfcode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns {@code --file} into the repository-relative path the engine expects. An absolute path is accepted when it
 * really lies inside the repository (symlinks resolved, so an alias of the repository works and a link that leads
 * out of it does not); a relative path is left to the engine's own checks.
 */
final class RepoRelativeFile {

    private RepoRelativeFile() {
    }

    /** @throws IllegalArgumentException for an absolute path outside the repository, saying where it leads */
    static String of(Path repoDir, String file) {
        Path given = Path.of(file);
        if (!given.isAbsolute()) {
            return file;
        }
        Path repo = real(repoDir.toAbsolutePath().normalize());
        Path target = real(given.normalize());
        if (!target.startsWith(repo) || target.equals(repo)) {
            String leads = target.equals(given.normalize()) ? "" : " (it leads to " + target + ")";
            throw new IllegalArgumentException("--file " + file + " is outside the repository " + repo + leads);
        }
        return repo.relativize(target).toString().replace('\\', '/');
    }

    /** The real path of the longest existing prefix, with the rest appended (the file may not exist yet). */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
