package dev.selfcode.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.CodeIndex;
import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.safety.SafetyMonitor;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.Workspaces;
import dev.selfcode.workspace.Worktree;

/**
 * Chooses the file a request without {@code --file} goes into: the source file (not a test, writable under the
 * repo config) whose chunks best match the description in the code index, else the first such file by path.
 */
@ApplicationScoped
public class PickTargetFile {

    private static final Pattern TEST_FILE = Pattern.compile(
            "(^|.*/)(tests?|__tests__|spec)/.*|(^|.*/)test_[^/]*\\.py|.*_test\\.py|.*Tests?\\.java|.*IT\\.java"
                    + "|.*\\.(test|spec)\\.[cm]?[jt]sx?|(^|.*/)conftest\\.py|(^|.*/)setup\\.py");

    @Inject
    Workspaces workspaces;
    @Inject
    CodeIndex index;
    @Inject
    SelfcodeConfig config;

    /** Checks out {@code baseSha}, indexes it and picks a file; BAD_INPUT when the repository has none. */
    public String pick(String repo, GitRemote remote, String baseSha, String description) throws IOException {
        try (Worktree tree = workspaces.open(remote, Optional.of(baseSha), "selfcode/pick", null)) {
            RepoConfig repoConfig;
            try {
                repoConfig = new RepoConfigReader(config.sandbox()).read(tree.dir());
            } catch (RepoConfigException e) {
                throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
            }
            index.index(repo, baseSha, tree.dir());
            for (Chunk chunk : index.suggestSnippets(repo, description, Optional.empty(), 50)) {
                if (candidate(chunk.path(), repoConfig)) {
                    return chunk.path();
                }
            }
            return firstSourceFile(tree.dir(), repoConfig).orElseThrow(() -> new StageFailure(FailureKind.BAD_INPUT,
                    "no source file Selfcode may write was found; name one with `--file`"));
        } catch (Workspaces.SourceException e) {
            throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
        }
    }

    static boolean candidate(String path, RepoConfig repoConfig) {
        return Language.of(path).isPresent() && !TEST_FILE.matcher(path).matches()
                && SafetyMonitor.writable(repoConfig, path);
    }

    private static Optional<String> firstSourceFile(Path dir, RepoConfig repoConfig) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> paths = files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/") && !p.contains("/node_modules/") && !p.startsWith("node_modules/"))
                    .filter(p -> candidate(p, repoConfig))
                    .sorted(Comparator.comparingInt((String p) -> p.split("/").length).thenComparing(p -> p))
                    .toList();
            return paths.stream().findFirst();
        }
    }
}
