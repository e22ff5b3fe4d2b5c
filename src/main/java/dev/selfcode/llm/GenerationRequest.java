package dev.selfcode.llm;

import java.util.List;

/**
 * Everything a code generator may see: never secrets, never the whole repository.
 *
 * @param description what the maintainer asked for
 * @param filePath    repository-relative path of the file the helper goes into
 * @param language    python, java, javascript, ...
 * @param fileContent the current content of that file (may be truncated for size)
 * @param snippets    related code from the index, most relevant first
 * @param notes       other context: past attempts, chunk summaries, repo conventions
 * @param repo        owner/name of the repository, for the prompt log; null when there is none (a local CLI run
 *                    may pass the directory name)
 * @param afterChunk  the chunk the helper goes after, when the request names one; null to choose by meaning (in a
 *                    file large enough to be chunked)
 */
public record GenerationRequest(String description, String filePath, String language, String fileContent,
        List<Snippet> snippets, List<String> notes, String repo, String afterChunk) {

    /** A request that names no chunk to go after. */
    public GenerationRequest(String description, String filePath, String language, String fileContent,
            List<Snippet> snippets, List<String> notes, String repo) {
        this(description, filePath, language, fileContent, snippets, notes, repo, null);
    }

    /** A request not tied to a named repository. */
    public GenerationRequest(String description, String filePath, String language, String fileContent,
            List<Snippet> snippets, List<String> notes) {
        this(description, filePath, language, fileContent, snippets, notes, null, null);
    }

    /** A piece of related code and where it came from. */
    public record Snippet(String path, int startLine, String code) {
    }
}
