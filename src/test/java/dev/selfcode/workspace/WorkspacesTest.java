package dev.selfcode.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesTest {

    @TempDir
    Path tmp;
    Path repo;
    Workspaces workspaces;
    final GitSync sync = new GitSync();

    @BeforeEach
    void repo() throws Exception {
        repo = tmp.resolve("user-repo");
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("utils.py"), "def a():\n    return 1\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor(new PersonIdent("t", "t@t")).setCommitter(new PersonIdent("t", "t@t"))
                    .setSign(false).call();
        }
        workspaces = new Workspaces(tmp.resolve("data"));
    }

    @Test
    void worktreeIsPrivateAndTheUserTreeIsUntouched() throws Exception {
        try (Worktree wt = workspaces.open(GitRemote.local(repo), Optional.empty(), "selfcode/1-x", "utils.py")) {
            assertThat(wt.dir()).isNotEqualTo(repo);
            wt.write("utils.py", "def a():\n    return 2\n");
            assertThat(wt.diff()).contains("-    return 1").contains("+    return 2");
            wt.commit("change", new PersonIdent("s", "s@s"));
            sync.pushBranch(wt, GitRemote.local(repo), false);
        }
        assertThat(Files.readString(repo.resolve("utils.py"))).isEqualTo("def a():\n    return 1\n");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            assertThat(git.getRepository().resolve("refs/heads/selfcode/1-x")).isNotNull();
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @Test
    void closingDeletesTheWorktree() throws Exception {
        Worktree wt = workspaces.open(GitRemote.local(repo), Optional.empty(), "selfcode/2-x", "utils.py");
        Path dir = wt.dir();
        wt.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void dirtyRepositoryIsRefused() throws Exception {
        Files.writeString(repo.resolve("utils.py"), "changed\n");
        assertThatThrownBy(() -> workspaces.open(GitRemote.local(repo), Optional.empty(), "b", "utils.py"))
                .isInstanceOf(Workspaces.SourceException.class).hasMessageContaining("uncommitted changes")
                .hasMessageContaining("utils.py");
    }

    @Test
    void pathsOutsideTheRepositoryAreRefused() {
        for (String bad : new String[]{"../x.py", "/etc/passwd", ".git/config", "a/../../x.py"}) {
            assertThatThrownBy(() -> workspaces.open(GitRemote.local(repo), Optional.empty(), "b", bad))
                    .as(bad).isInstanceOf(Workspaces.SourceException.class).hasMessageContaining("inside the repository");
        }
    }

    @Test
    void missingFileAndNonRepositoryAreRefused() throws Exception {
        assertThatThrownBy(() -> workspaces.open(GitRemote.local(repo), Optional.empty(), "b", "nope.py"))
                .hasMessageContaining("no such file");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> workspaces.open(GitRemote.local(plain), Optional.empty(), "b", "x.py"))
                .hasMessageContaining("not a git repository");
    }

    @Test
    void remoteSourcesGoThroughACachedMirror() throws Exception {
        GitRemote remote = GitRemote.url(repo.toUri().toString(), Optional::empty);
        try (Worktree wt = workspaces.open(remote, Optional.of("main"), "selfcode/3-x", "utils.py")) {
            assertThat(wt.read("utils.py")).contains("return 1");
        }
        // A new commit upstream is seen on the next open (the mirror is fetched, not re-cloned).
        try (Git git = Git.open(repo.toFile())) {
            Files.writeString(repo.resolve("utils.py"), "def a():\n    return 5\n");
            git.commit().setAll(true).setMessage("up").setAuthor(new PersonIdent("t", "t@t"))
                    .setCommitter(new PersonIdent("t", "t@t")).setSign(false).call();
        }
        try (Worktree wt = workspaces.open(remote, Optional.empty(), "selfcode/4-x", "utils.py")) {
            assertThat(wt.read("utils.py")).contains("return 5");
        }
        assertThat(tmp.resolve("data/mirrors")).isDirectoryContaining(p -> p.toString().endsWith(".git"));
    }

    @Test
    void branchNamesAreSlugged() {
        assertThat(Workspaces.branchName(7, "Normalize text!")).isEqualTo("selfcode/7-normalize-text");
        assertThat(Workspaces.branchName(8, "???")).isEqualTo("selfcode/8");
        assertThat(Workspaces.branchName(9, "a".repeat(100))).hasSize("selfcode/9-".length() + 40);
    }
}
