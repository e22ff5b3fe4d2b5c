package dev.selfcode.code;

/** A top-level piece of a source file (a function, class or method) with 1-based inclusive lines. */
public record Chunk(String path, String symbol, int startLine, int endLine, String content) {
}
