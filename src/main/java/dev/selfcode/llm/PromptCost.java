package dev.selfcode.llm;

import java.util.Optional;

/**
 * What a helper prompt cost beyond its own call, and how cacheable it was.
 *
 * @param summarizerCalls  calls to the chunk summarizer made for this prompt (0 when every summary was cached)
 * @param summarizerTokens tokens those calls used, prompt and answer
 * @param chunked          whether the target file was shown as chunk summaries
 * @param fileTokens       tokens in the whole target file
 * @param sharedPrefix     the share (0..1) of this prompt's tokens that begin it exactly as the previous prompt on the
 *                         same file began: what a provider's prefix cache can reuse; empty without a previous prompt
 */
public record PromptCost(int summarizerCalls, int summarizerTokens, boolean chunked, int fileTokens,
        Optional<Double> sharedPrefix) {

    /** Nothing beyond the call (the template generator, rewrites). */
    public static final PromptCost NONE = new PromptCost(0, 0, false, 0, Optional.empty());
}
