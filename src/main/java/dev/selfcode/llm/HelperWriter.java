package dev.selfcode.llm;

import io.quarkiverse.langchain4j.RegisterAiService;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/**
 * The LLM behind the generate stage: asks an OpenAI-compatible model for one new helper.
 *
 * <p>
 * The user prompt is rendered by {@link HelperPrompt} (template {@code templates/HelperPrompt/request.txt})
 * so the exact text sent can be recorded; it is passed through as one value, never parsed as a template
 * itself, so braces in source code are safe. No chat memory: every request stands alone. The bean is only
 * resolved when a generation runs, so an unconfigured endpoint never stops the application from starting.
 */
@RegisterAiService(chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface HelperWriter {

    /** The system message, public so the prompt can be recorded exactly as sent. */
    String SYSTEM_MESSAGE = """
            You are Selfcode, a careful senior engineer who adds one small, self-contained helper \
            to an existing source file.
            You answer with exactly one fenced code block in the requested language and nothing else: \
            no explanation before or after it.
            The block contains only the new helper. You never repeat, edit, reorder or delete existing code.
            You never put credentials, tokens, network calls, process execution or file deletion \
            into the helper unless the request asks for them.""";

    @SystemMessage(SYSTEM_MESSAGE)
    @UserMessage("{prompt}")
    Result<String> writeHelper(String prompt);
}
