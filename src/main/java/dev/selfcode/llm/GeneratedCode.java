package dev.selfcode.llm;

/**
 * Code a generator produced, with what it cost.
 *
 * @param code             the helper source only, no markdown fences or prose
 * @param generator        "llm" or "template"
 * @param model            model name, or "template"
 * @param promptTokens     tokens sent (0 when unknown)
 * @param completionTokens tokens received (0 when unknown)
 * @param prompt           the prompt as sent, for the record
 * @param rawResponse      the answer as received, for the record
 */
public record GeneratedCode(String code, String generator, String model, int promptTokens, int completionTokens,
        String prompt, String rawResponse) {
}
