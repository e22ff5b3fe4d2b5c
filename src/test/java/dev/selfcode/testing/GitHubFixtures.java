package dev.selfcode.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where scripts/fetch-github-fixtures.sh put GitHub's public data (npm packages @octokit/openapi and
 * @octokit/webhooks-examples); never committed. {@code -Dselfcode.github-fixtures=DIR} (the node_modules folder)
 * overrides the default {@code .github-fixtures/node_modules} (gitignored).
 */
final class GitHubFixtures {

    private GitHubFixtures() {
    }

    static Path openApi() {
        return require("@octokit/openapi/generated/api.github.com.json");
    }

    static Path webhookExamples() {
        return require("@octokit/webhooks-examples/api.github.com/index.json");
    }

    private static Path require(String relative) {
        String override = System.getProperty("selfcode.github-fixtures");
        Path modules = override != null ? Path.of(override) : Path.of(".github-fixtures", "node_modules");
        Path file = modules.resolve(relative).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("GitHub fixture " + file + " is missing: run scripts/fetch-github-fixtures.sh"
                    + " first (it installs the npm packages @octokit/openapi and @octokit/webhooks-examples)");
        }
        return file;
    }
}
