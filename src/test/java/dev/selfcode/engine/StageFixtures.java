package dev.selfcode.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.errors.GitAPIException;

import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.Threshold;
import dev.selfcode.testsupport.GitRepos;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.Workspaces;
import dev.selfcode.workspace.Worktree;

/** Small git repositories and stage inputs for the stage tests. */
final class StageFixtures {

    static final String CALC = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n";
    static final String TEST = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n";

    private StageFixtures() {
    }

    static Path repo(Path dir, Map<String, String> files) throws IOException, GitAPIException {
        return GitRepos.create(dir, files);
    }

    static PatchRequest request(Path repo, String file, String description) {
        return new PatchRequest("local/" + repo.getFileName(), GitRemote.local(repo), Optional.empty(),
                Optional.ofNullable(file), description, Optional.empty(), "template", Optional.empty(), "cli",
                Optional.empty(), Optional.empty());
    }

    static RepoConfig config() {
        return new RepoConfig("selfcode/python:3.11", null, null, "pytest", null, null, Optional.empty(), List.of(),
                new RepoConfig.Limits(1, 512L << 20, Duration.ofMinutes(1)), new RepoConfig.Sweep("0 3 * * 1", false),
                Optional.empty(), false, null, RepoConfig.Counting.REPORTS);
    }

    /** A checkout of {@code calc.py} in a fresh worktree, as the checkout stage would hand it on. */
    static CheckOut.CheckedOut checkedOut(Path tmp, String file, String content, Language language) throws Exception {
        Path repo = repo(tmp.resolve("repo"), Map.of(file, content));
        Worktree tree = new Workspaces(tmp.resolve("data")).open(GitRemote.local(repo), Optional.empty(),
                "selfcode/1-test", file);
        return new CheckOut.CheckedOut(tree, config(), file, language, Threshold.of(0.5), content, Optional.empty());
    }
}
