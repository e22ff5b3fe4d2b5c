package dev.selfcode.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link FakeGitHub} for a {@code @QuarkusTest} and points quarkus-github-app at it (app id, private key,
 * instance endpoint, webhook secret {@value #WEBHOOK_SECRET}). Use {@code @WithTestResource(FakeGitHubResource.class)}
 * and a {@code @InjectFakeGitHub FakeGitHub fake;} field.
 */
public class FakeGitHubResource implements QuarkusTestResourceLifecycleManager {

    /** The webhook secret the app is configured with; sign test deliveries with it. */
    public static final String WEBHOOK_SECRET = "fake-github-webhook-secret";

    private FakeGitHub fake;

    @Override
    public Map<String, String> start() {
        fake = FakeGitHub.start();
        Map<String, String> config = new LinkedHashMap<>(fake.quarkusConfig());
        config.put("quarkus.github-app.webhook-secret", WEBHOOK_SECRET);
        return config;
    }

    FakeGitHub fake() {
        return fake;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeGitHub.class, FakeGitHub.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
