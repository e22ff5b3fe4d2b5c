package dev.selfcode.llm;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import dev.selfcode.telemetry.Meters;

/** Counts the tokens every LLM call used (selfcode_llm_tokens_total), as the endpoint reported them. */
@ApplicationScoped
@Unremovable
class CountTokens implements ChatModelListener {

    @Override
    public void onResponse(ChatModelResponseContext context) {
        TokenUsage usage = context.chatResponse() == null ? null : context.chatResponse().tokenUsage();
        if (usage != null) {
            Meters.llmTokens(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
        }
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
