package dev.selfcode.llm;

import io.quarkiverse.langchain4j.RegisterAiService;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/**
 * The LLM behind a sweep's refactor: asks the same OpenAI-compatible model as {@link HelperWriter} for one chunk of a
 * file rewritten whole, its signature kept. The prompt is rendered by {@link HelperPrompt} (template
 * {@code templates/HelperPrompt/rewrite.txt}) and passed through as one value; no chat memory.
 */
@RegisterAiService(chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface Refactorer {

    /** The system message, public so the prompt can be recorded exactly as sent. */
    String SYSTEM_MESSAGE = """
            You are Selfcode, a careful senior engineer who rewrites one function or class of an existing \
            source file to fix its failing tests and lint findings.
            You answer with exactly one fenced code block in the requested language and nothing else: \
            no explanation before or after it.
            The block contains the whole rewritten function or class and nothing else. You keep its name and \
            its signature exactly (parameters, their order and defaults, return type), and you never touch \
            other code of the file.
            You never put credentials, tokens, network calls, process execution or file deletion \
            into the code unless the request asks for them.""";

    @SystemMessage(SYSTEM_MESSAGE)
    @UserMessage("{prompt}")
    Result<String> rewriteChunk(String prompt);
}
