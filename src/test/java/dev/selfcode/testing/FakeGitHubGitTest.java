package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones from and pushes to the fake GitHub over smart HTTP with JGit, as the bot does with its token. */
class FakeGitHubGitTest {

    private static final String REPO = "octo/pushed";
    private static FakeGitHub fake;
    private static String initialSha;

    @TempDir
    Path work;

    @BeforeAll
    static void start(@TempDir Path source) throws IOException {
        fake = FakeGitHub.start();
        Files.createDirectories(source.resolve("src"));
        Files.writeString(source.resolve("src/app.py"), "print('hi')\n");
        Files.writeString(source.resolve("README.md"), "# pushed\n");
        initialSha = fake.createRepo(REPO, source);
    }

    @AfterAll
    static void stop() {
        try {
            fake.assertNoUnexpectedRequests();
        } finally {
            fake.close();
        }
    }

    private static CredentialsProvider token(String token) {
        return new UsernamePasswordCredentialsProvider("x-access-token", token);
    }

    @Test
    void clonesAndPushesABranchWithAValidInstallationToken() throws GitAPIException, IOException {
        String token = fake.installationToken("octo");
        try (Git git = Git.cloneRepository().setURI(fake.gitUrl(REPO)).setDirectory(work.toFile())
                .setCredentialsProvider(token(token)).call()) {
            assertThat(Files.readString(work.resolve("src/app.py"))).isEqualTo("print('hi')\n");
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(initialSha);

            git.checkout().setCreateBranch(true).setName("selfcode/7-helper").call();
            Files.writeString(work.resolve("src/helper.py"), "def helper():\n    return 1\n");
            git.add().addFilepattern("src/helper.py").call();
            RevCommit commit = git.commit().setMessage("Add helper").setAuthor("selfcode", "bot@example.test").call();
            Iterable<PushResult> results = git.push().setRemote("origin").add("selfcode/7-helper")
                    .setCredentialsProvider(token(token)).call();

            RemoteRefUpdate update = results.iterator().next().getRemoteUpdate("refs/heads/selfcode/7-helper");
            assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.OK);
            assertThat(fake.branchSha(REPO, "selfcode/7-helper")).contains(commit.name());
            assertThat(fake.readFile(REPO, "selfcode/7-helper", "src/helper.py")).contains("def helper():\n    return 1\n");
            assertThat(fake.pushes()).contains(new FakePush(REPO, "refs/heads/selfcode/7-helper", "0".repeat(40),
                    commit.name()));
        }
    }

    @Test
    void refusesPushesWithAnInvalidTokenOrNoneAndKeepsTheBranchUnchanged() throws GitAPIException, IOException {
        fake.makePublic(REPO);
        try (Git git = Git.cloneRepository().setURI(fake.gitUrl(REPO)).setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve("README.md"), "# changed\n");
            git.commit().setAll(true).setMessage("change").setAuthor("x", "x@example.test").call();

            assertThatThrownBy(() -> git.push().setRemote("origin").add("main")
                    .setCredentialsProvider(token("ghs_not_a_real_token")).call())
                    .isInstanceOf(TransportException.class).hasMessageContaining("not authorized");
            assertThatThrownBy(() -> git.push().setRemote("origin").add("main").call())
                    .isInstanceOf(TransportException.class);
            fake.revokeTokens();
            String revoked = fake.installationToken("octo");
            fake.revokeTokens();
            assertThatThrownBy(() -> git.push().setRemote("origin").add("main").setCredentialsProvider(token(revoked))
                    .call()).isInstanceOf(TransportException.class);
        }
        assertThat(fake.branchSha(REPO, "main")).contains(initialSha);
    }

    @Test
    void privateRepositoriesNeedATokenOfTheirOwnInstallationToClone() throws IOException {
        fake.createRepo("octo/private", Map.of("a.txt", "a\n"));
        assertThatThrownBy(() -> Git.cloneRepository().setURI(fake.gitUrl("octo/private"))
                .setDirectory(work.resolve("anonymous").toFile()).call().close())
                .isInstanceOf(TransportException.class);
        String otherInstallation = fake.installationToken("someone-else");
        assertThatThrownBy(() -> Git.cloneRepository().setURI(fake.gitUrl("octo/private"))
                .setDirectory(work.resolve("other").toFile()).setCredentialsProvider(token(otherInstallation)).call()
                .close()).isInstanceOf(InvalidRemoteException.class);
        assertThat(fake.requests()).anyMatch(r -> r.path().equals("/octo/private.git/info/refs") && r.status() == 404);
    }
}
