package dev.selfcode.testing;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.langchain4j.ModelBuilderCustomizer;

import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * In tests, the OpenAI chat client makes exactly one attempt per call, so one scripted {@link OpenAiStub}
 * reply answers one call. ({@code quarkus.langchain4j.openai.max-retries} cannot be set below 1, which
 * means two attempts.)
 */
@ApplicationScoped
public class SingleLlmAttempt implements ModelBuilderCustomizer<OpenAiChatModel.OpenAiChatModelBuilder> {

    @Override
    public void customize(OpenAiChatModel.OpenAiChatModelBuilder builder) {
        builder.maxRetries(0);
    }

    @Override
    public int priority() {
        return MAXIMUM_PRIORITY;
    }
}
