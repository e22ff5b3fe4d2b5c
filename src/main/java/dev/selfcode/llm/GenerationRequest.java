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
 */
public record GenerationRequest(String description, String filePath, String language, String fileContent,
        List<Snippet> snippets, List<String> notes, String repo) {

    /** A request not tied to a named repository. */
    public GenerationRequest(String description, String filePath, String language, String fileContent,
            List<Snippet> snippets, List<String> notes) {
        this(description, filePath, language, fileContent, snippets, notes, null);
    }

    /** A piece of related code and where it came from. */
    public record Snippet(String path, int startLine, String code) {
    }
}
