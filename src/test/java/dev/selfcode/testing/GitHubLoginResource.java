package dev.selfcode.testing;

import java.util.Map;

/**
 * {@link FakeGitHubResource} with the dashboard's "Log in with GitHub" on (quarkus-oidc's tenant pointed at the
 * fake's OAuth pages and /user).
 */
public class GitHubLoginResource extends FakeGitHubResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        config.putAll(fake().loginConfig());
        return config;
    }
}
