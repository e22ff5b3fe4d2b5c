package dev.selfcode.llm;

/**
 * Code a generator produced, with what it cost.
 *
 * <p>
 * Placement contract: for Java, {@code code} is a class member (a method) to insert just before the final
 * closing brace of the file's top-level type; for every other language it is appended to the end of the file.
 *
 * @param code             the helper source only, no markdown fences or prose
 * @param generator        "llm" or "template"
 * @param model            model name, or "template"
 * @param promptTokens     tokens sent (0 when unknown)
 * @param completionTokens tokens received (0 when unknown)
 * @param prompt           the prompt as sent, for the record
 * @param rawResponse      the answer as received, for the record
 * @param interactionId    the {@code gpt_interaction} row that logged the call, null when none was logged; pass it
 *                         to {@code GptMemory.linkToPatch} once the patch has an id
 * @param cost             what the prompt cost beyond the call itself: summarizer calls, and how much of it was the
 *                         same as the previous prompt on the file
 */
public record GeneratedCode(String code, String generator, String model, int promptTokens, int completionTokens,
        String prompt, String rawResponse, Long interactionId, PromptCost cost) {

    public GeneratedCode {
        cost = cost == null ? PromptCost.NONE : cost;
    }

    /** Code whose prompt needed nothing beyond the call. */
    public GeneratedCode(String code, String generator, String model, int promptTokens, int completionTokens,
            String prompt, String rawResponse, Long interactionId) {
        this(code, generator, model, promptTokens, completionTokens, prompt, rawResponse, interactionId,
                PromptCost.NONE);
    }

    /** Code that was not logged as a model interaction (the template generator, tests). */
    public GeneratedCode(String code, String generator, String model, int promptTokens, int completionTokens,
            String prompt, String rawResponse) {
        this(code, generator, model, promptTokens, completionTokens, prompt, rawResponse, null);
    }
}
