package dev.selfcode.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link OpenAiStub} for a {@code @QuarkusTest} and points quarkus-langchain4j at it.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = OpenAiStubResource.class, scope = TestResourceScope.GLOBAL)
 * class MyTest {
 *     &#64;BeforeEach
 *     void clean() { OpenAiStubResource.stub().reset(); }
 * }
 * </pre>
 *
 * The client gets a 3 s timeout, and {@link SingleLlmAttempt} turns its retries off, so failure tests stay
 * fast and each scripted reply is consumed by exactly one call.
 */
public class OpenAiStubResource implements QuarkusTestResourceLifecycleManager {

    private static volatile OpenAiStub current;

    /** The running stub; fails when no test resource started one. */
    public static OpenAiStub stub() {
        OpenAiStub stub = current;
        if (stub == null) {
            throw new IllegalStateException("no OpenAI stub is running: annotate the test with "
                    + "@WithTestResource(OpenAiStubResource.class)");
        }
        return stub;
    }

    @Override
    public Map<String, String> start() {
        current = OpenAiStub.start();
        return Map.of(
                "quarkus.langchain4j.openai.base-url", current.baseUrl(),
                "quarkus.langchain4j.openai.api-key", "sk-stub-not-a-real-key",
                "quarkus.langchain4j.openai.timeout", "3s",
                "quarkus.langchain4j.openai.max-retries", "1");
    }

    @Override
    public void stop() {
        OpenAiStub stub = current;
        current = null;
        if (stub != null) {
            stub.close();
        }
    }
}
