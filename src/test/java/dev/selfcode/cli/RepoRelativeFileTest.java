package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --file} as an absolute path: accepted inside the repository, refused only when it really leads out. */
class RepoRelativeFileTest {

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("src/pkg"));
        Files.writeString(repo.resolve("src/pkg/util.py"), "X = 1\n");
    }

    @Test
    void anAbsolutePathInsideTheRepositoryBecomesRelative() {
        assertThat(RepoRelativeFile.of(repo, repo.resolve("src/pkg/util.py").toString())).isEqualTo("src/pkg/util.py");
        assertThat(RepoRelativeFile.of(repo, repo.resolve("src/../src/pkg/util.py").toString()))
                .isEqualTo("src/pkg/util.py");
    }

    @Test
    void aRelativePathIsLeftToTheEngine() {
        assertThat(RepoRelativeFile.of(repo, "src/pkg/util.py")).isEqualTo("src/pkg/util.py");
        assertThat(RepoRelativeFile.of(repo, "../elsewhere.py")).isEqualTo("../elsewhere.py");
    }

    @Test
    void theRepositoryReachedThroughASymlinkIsStillInside() throws Exception {
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), repo);
        assertThat(RepoRelativeFile.of(repo, alias.resolve("src/pkg/util.py").toString())).isEqualTo("src/pkg/util.py");
        assertThat(RepoRelativeFile.of(alias, repo.resolve("src/pkg/util.py").toString())).isEqualTo("src/pkg/util.py");
    }

    @Test
    void aFileThatDoesNotExistYetInsideTheRepositoryIsAccepted() {
        assertThat(RepoRelativeFile.of(repo, repo.resolve("src/new/helpers.py").toString()))
                .isEqualTo("src/new/helpers.py");
    }

    @Test
    void aPathOutsideIsRefused() throws Exception {
        Path outside = Files.writeString(tmp.resolve("other.py"), "Y = 2\n");
        assertThatThrownBy(() -> RepoRelativeFile.of(repo, outside.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the repository");
        assertThatThrownBy(() -> RepoRelativeFile.of(repo, repo.toString())).hasMessageContaining("outside");
    }

    @Test
    void aSymlinkInsideThatLeadsOutIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(outside.resolve("keys.py"), "K = 3\n");
        Files.createSymbolicLink(repo.resolve("src/linked"), outside);
        assertThatThrownBy(() -> RepoRelativeFile.of(repo, repo.resolve("src/linked/keys.py").toString()))
                .hasMessageContaining("outside the repository").hasMessageContaining("leads to");
    }
}
