package dev.selfcode.code;

/**
 * A chunk found for a request, with how it was found: its keyword score (raw BM25 over identifier words), its vector
 * score (cosine similarity of the embeddings, -1..1) and the combined score (0..1) it was ranked by.
 */
public record Snippet(Chunk chunk, double keyword, double vector, double combined) {
}
