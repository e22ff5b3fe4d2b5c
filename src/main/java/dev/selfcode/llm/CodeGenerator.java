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

    /**
     * The chunk of the request rewritten whole, its signature kept (the engine checks that). Only the LLM rewrites;
     * the offline template only ever appends a helper.
     *
     * @throws dev.selfcode.failure.StageFailure as {@link #generate}; BAD_INPUT from a generator that cannot rewrite
     */
    default GeneratedCode rewrite(ChunkRewriteRequest request) {
        throw new dev.selfcode.failure.StageFailure(dev.selfcode.failure.FailureKind.BAD_INPUT, "the " + name()
                + " generator cannot rewrite a chunk, it only appends a helper; configure an LLM (SELFCODE_LLM_BASE_URL)");
    }

    /** Whether this generator can repair a candidate that failed its checks (the template generator cannot). */
    default boolean repairs() {
        return false;
    }

    /**
     * The candidate of {@code request} written again so that it passes the checks it failed.
     *
     * @throws dev.selfcode.failure.StageFailure as {@link #generate}; BAD_INPUT from a generator that cannot repair
     */
    default GeneratedCode repair(RepairRequest request) {
        throw new dev.selfcode.failure.StageFailure(dev.selfcode.failure.FailureKind.BAD_INPUT,
                "the " + name() + " generator does not repair candidates");
    }
}
