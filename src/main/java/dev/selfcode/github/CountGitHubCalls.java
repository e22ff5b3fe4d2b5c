package dev.selfcode.github;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

import io.quarkiverse.githubapp.GitHubCustomizer;
import io.quarkiverse.githubapp.JavaHttpClientFactory;

import dev.selfcode.telemetry.Meters;

/**
 * Counts every REST call the GitHub clients make and keeps the rate limit GitHub reported
 * (selfcode_github_api_calls_total, selfcode_github_rate_limit_remaining): one connector around the extension's own
 * (the same JDK HTTP client from its factory), so no call site counts by hand.
 */
@Singleton
public class CountGitHubCalls implements GitHubCustomizer {

    private final GitHubConnector counting;

    @Inject
    CountGitHubCalls(JavaHttpClientFactory clients) {
        GitHubConnector inner = new HttpClientGitHubConnector(clients.create());
        this.counting = request -> counted(inner, request);
    }

    @Override
    public void customize(GitHubBuilder builder) {
        builder.withConnector(counting);
    }

    @Override
    public void customizeApplicationClient(GitHubBuilder builder) {
        builder.withConnector(counting);
    }

    private static GitHubConnectorResponse counted(GitHubConnector inner, GitHubConnectorRequest request)
            throws IOException {
        GitHubConnectorResponse response;
        try {
            response = inner.send(request);
        } catch (IOException e) {
            Meters.githubCall(request.method(), 0, -1);
            throw e;
        }
        Meters.githubCall(request.method(), response.statusCode(), remaining(response));
        return response;
    }

    private static long remaining(GitHubConnectorResponse response) {
        String header = response.header("X-RateLimit-Remaining");
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
