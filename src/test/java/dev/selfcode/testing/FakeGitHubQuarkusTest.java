package dev.selfcode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

import io.quarkiverse.githubapp.ConfigFile;
import io.quarkiverse.githubapp.GitHubClientProvider;
import io.quarkiverse.githubapp.GitHubConfigFileProvider;
import io.quarkiverse.githubapp.InstallationTokenProvider;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * quarkus-github-app itself (JWT from the configured key, installation token, token check on /rate_limit, config
 * files) works against the fake, as the app's own flows will.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
class FakeGitHubQuarkusTest {

    @InjectFakeGitHub
    FakeGitHub fake;

    @Inject
    GitHubClientProvider clients;

    @Inject
    InstallationTokenProvider tokens;

    @Inject
    GitHubConfigFileProvider configFiles;

    @Test
    void theInstallationClientCommentsAndReadsTheRepoConfig() throws IOException {
        fake.createRepo("acme/app", Map.of(".github/selfcode.yml", "threshold: 0.1\n"));
        int number = fake.createIssue("acme/app", "Make it faster", "", "alice");
        long installation = fake.installationId("acme");

        GitHub github = clients.getInstallationClient(installation);
        GHRepository repo = github.getRepository("acme/app");
        GHIssue issue = repo.getIssue(number);
        issue.comment("Selfcode is on it");
        Optional<String> config = configFiles.fetchConfigFile(repo, "selfcode.yml", ConfigFile.Source.DEFAULT,
                String.class);

        assertThat(config).contains("threshold: 0.1\n");
        assertThat(fake.comments("acme/app", number)).extracting(FakeComment::user).containsExactly("selfcode[bot]");
        assertThat(tokens.getInstallationToken(installation).token()).startsWith("ghs_");
        // No /rate_limit probe: application.properties turns the per-client token check off (it would sit inside
        // every webhook acknowledgement).
        assertThat(fake.requests()).extracting(RecordedRequest::path)
                .contains("/app/installations/" + installation + "/access_tokens").doesNotContain("/rate_limit");
        fake.assertNoUnexpectedRequests();
    }
}
