package dev.selfcode.github;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

import io.quarkiverse.githubapp.GitHubClientProvider;
import io.quarkiverse.githubapp.InstallationTokenProvider;

import dev.selfcode.job.RetryableJobException;
import dev.selfcode.workspace.GitRemote;

/**
 * Clients and git credentials of one installation. The installation token is asked for each time git needs it
 * (the extension caches it until shortly before it expires) and lives only in JGit's credentials object: it is
 * never stored, logged, put in a URL, a prompt or a sandbox.
 */
@ApplicationScoped
public class InstallationAccess {

    @Inject
    GitHubClientProvider clients;

    @Inject
    InstallationTokenProvider tokens;

    public GitHub client(long installationId) {
        return clients.getInstallationClient(installationId);
    }

    public GHRepository repository(long installationId, String fullName) throws IOException {
        return client(installationId).getRepository(fullName);
    }

    /** A repository, the branch a job starts from and that branch's head commit. */
    public record Start(GHRepository repo, String branch, String sha) {
    }

    /**
     * Reads {@code fullName} and the head of {@code branch} (null: its default branch). GitHub not answering is
     * transient: the queue retries the job.
     */
    public Start start(long installationId, String fullName, String branch) throws RetryableJobException {
        try {
            GHRepository repo = repository(installationId, fullName);
            String name = branch != null ? branch : repo.getDefaultBranch();
            return new Start(repo, name, repo.getRef("heads/" + name).getObject().getSha());
        } catch (IOException e) {
            throw new RetryableJobException("cannot read " + fullName + " from GitHub: " + e.getMessage(), e);
        }
    }

    /** The repository's HTTPS clone URL with {@code x-access-token:<token>} supplied on demand. */
    public GitRemote remote(long installationId, GHRepository repo) {
        return GitRemote.url(repo.getHttpTransportUrl(), () -> Optional.of(new UsernamePasswordCredentialsProvider(
                "x-access-token", tokens.getInstallationToken(installationId).token())));
    }
}
