package dev.selfcode.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.CodeIndex;
import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.safety.SafetyMonitor;
import dev.selfcode.workspace.Worktree;

/**
 * Chooses the file a request without a named file goes into (part of checkout, for every front end): the source
 * file (not a test, writable under the repo config) whose chunks best match the description in the code index,
 * else the first such file by path.
 */
@ApplicationScoped
class PickTargetFile {

    private static final Pattern TEST_FILE = Pattern.compile(
            "(^|.*/)(tests?|__tests__|spec)/.*|(^|.*/)test_[^/]*\\.py|.*_test\\.py|.*Tests?\\.java|.*IT\\.java"
                    + "|.*\\.(test|spec)\\.[cm]?[jt]sx?|(^|.*/)conftest\\.py|(^|.*/)setup\\.py");

    @Inject
    CodeIndex index;

    /** Indexes the checkout and picks a file; BAD_INPUT when the repository has none. */
    String pick(String repo, Worktree tree, RepoConfig repoConfig, String description) throws IOException {
        index.index(repo, tree.baseSha(), tree.dir());
        for (Chunk chunk : index.suggestSnippets(repo, description, Optional.empty(), 50)) {
            if (candidate(chunk.path(), repoConfig)) {
                return chunk.path();
            }
        }
        return firstSourceFile(tree.dir(), repoConfig).orElseThrow(() -> new StageFailure(FailureKind.BAD_INPUT,
                "no source file Selfcode may write was found; name one with `--file`"));
    }

    /** A source file that is not a test and that the repo config lets Selfcode write (null: no config to ask). */
    static boolean candidate(String path, RepoConfig repoConfig) {
        return Language.of(path).isPresent() && !TEST_FILE.matcher(path).matches()
                && (repoConfig == null || SafetyMonitor.writable(repoConfig, path));
    }

    static Optional<String> firstSourceFile(Path dir, RepoConfig repoConfig) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/") && !p.contains("/node_modules/") && !p.startsWith("node_modules/"))
                    .filter(p -> candidate(p, repoConfig))
                    .sorted(Comparator.comparingInt((String p) -> p.split("/").length).thenComparing(p -> p))
                    .findFirst();
        }
    }
}
