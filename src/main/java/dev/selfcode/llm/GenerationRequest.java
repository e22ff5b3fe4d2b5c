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
 */
public record GenerationRequest(String description, String filePath, String language, String fileContent,
        List<Snippet> snippets, List<String> notes) {

    /** A piece of related code and where it came from. */
    public record Snippet(String path, int startLine, String code) {
    }
}
