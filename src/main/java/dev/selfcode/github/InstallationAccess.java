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

    /** The repository's HTTPS clone URL with {@code x-access-token:<token>} supplied on demand. */
    public GitRemote remote(long installationId, GHRepository repo) {
        return GitRemote.url(repo.getHttpTransportUrl(), () -> Optional.of(new UsernamePasswordCredentialsProvider(
                "x-access-token", tokens.getInstallationToken(installationId).token())));
    }
}
