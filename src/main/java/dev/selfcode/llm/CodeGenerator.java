package dev.selfcode.llm;

/** Writes a helper for a request: the LLM, or the offline template fallback. */
public interface CodeGenerator {

    /**
     * @throws dev.selfcode.failure.StageFailure TRANSIENT for outages and timeouts, REJECTED when the
     *         answer holds no usable code
     */
    GeneratedCode generate(GenerationRequest request);

    /** "llm" or "template". */
    String name();
}
