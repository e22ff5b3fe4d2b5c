package dev.selfcode.llm;

/**
 * A request to rewrite one chunk of a file in place, keeping its signature (a sweep's refactor of the function or
 * class with the most errors).
 *
 * @param context   the file, what to do and why, related snippets and notes, as for a helper
 * @param symbol    the name of the function or class to rewrite
 * @param startLine its first line in the file, 1-based
 * @param endLine   its last line, inclusive
 * @param chunk     its full text as it is now
 */
public record ChunkRewriteRequest(GenerationRequest context, String symbol, int startLine, int endLine, String chunk) {
}
