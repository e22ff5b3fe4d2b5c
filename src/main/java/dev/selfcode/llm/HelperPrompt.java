package dev.selfcode.llm;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.selfcode.code.Language;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.text.Limits;

/**
 * Builds the prompts {@link HelperWriter} and {@link Refactorer} send: every part redacted by {@link SecretScanner}
 * and capped in size, rendered from {@code templates/HelperPrompt/request.txt} and {@code rewrite.txt}.
 */
@ApplicationScoped
class HelperPrompt {

    static final int MAX_DESCRIPTION_CHARS = Limits.DESCRIPTION;
    /** Head and tail of the target file kept when it is larger: imports at the top, the end where code goes. */
    static final int FILE_HEAD_CHARS = 6_000;
    static final int FILE_TAIL_CHARS = 14_000;
    static final int MAX_SNIPPETS = 5;
    static final int MAX_SNIPPET_CHARS = 3_000;
    static final int MAX_NOTES = 8;
    static final int MAX_NOTE_CHARS = 800;
    /** A chunk to rewrite is shown whole up to this size (the guard refuses larger rewrites anyway). */
    static final int MAX_CHUNK_CHARS = 24_000;

    private static final Pattern BACKTICK_RUN = Pattern.compile("`{3,}");

    @Inject
    SecretScanner secrets;

    /** A rendered prompt; {@link #asSent()} is what gets recorded. */
    record Prompt(String system, String user) {

        String asSent() {
            return "[system]\n" + system + "\n\n[user]\n" + user;
        }
    }

    /** A snippet as the template shows it (redacted, capped). */
    record SnippetView(String path, int startLine, String code) {
    }

    /** A chunk of a large file as the template lists it: where it lies, its name and its summary (redacted, one line). */
    record ChunkLine(int startLine, int endLine, String label, String summary) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance request(String language, String placement, String filePath,
                String description, String fence, String fileNote, String fileContent, List<SnippetView> snippets,
                List<String> notes, int fileTokens, List<ChunkLine> chunks, ChunkLine target, String targetCode);

        static native TemplateInstance rewrite(String language, String placement, String kind, String symbol,
                int startLine, int endLine, String filePath, String description, String fence, String chunk,
                String fileNote, String fileContent, List<SnippetView> snippets, List<String> notes);
    }

    /**
     * The helper prompt, its stable part first (instructions, then the file or its chunk summaries) so that providers
     * that cache prompt prefixes can reuse it across patches on the same file; what changes per request (the chunk in
     * full, snippets, notes, the description) comes last.
     */
    Prompt render(GenerationRequest request, PromptPlanner.FileView view) {
        String targetCode = view.target().map(t -> stripFinalNewline(secrets.redact(t.chunk().text()))).orElse("");
        Parts p = parts(request, targetCode);
        List<ChunkLine> chunks = view.chunks().stream().map(this::line).toList();
        ChunkLine target = view.target().map(this::line).orElse(null);
        String user = Templates.request(p.language(), placement(request.language()), p.filePath(), p.description(),
                p.fence(), p.fileNote(), view.chunked() ? "" : p.fileContent(), p.snippets(), p.notes(),
                view.fileTokens(), chunks, target, targetCode).render();
        return new Prompt(HelperWriter.SYSTEM_MESSAGE, user);
    }

    private ChunkLine line(ChunkSummaries.ChunkSummary c) {
        return new ChunkLine(c.chunk().startLine(), c.chunk().endLine(), oneLine(c.chunk().label(), 200),
                oneLine(secrets.redact(c.text()), ChunkSummaries.MAX_SUMMARY_CHARS));
    }

    /** The prompt {@link Refactorer} sends: the chunk in full, then the file around it, as for a helper. */
    Prompt renderRewrite(ChunkRewriteRequest rewrite) {
        GenerationRequest request = rewrite.context();
        String chunk = Truncation.head(secrets.redact(Objects.requireNonNullElse(rewrite.chunk(), "")), MAX_CHUNK_CHARS);
        Parts p = parts(request, chunk);
        String placement = placement(request.language());
        String user = Templates.rewrite(p.language(), placement, kind(chunk, rewrite.symbol(), placement),
                oneLine(rewrite.symbol(), 200), rewrite.startLine(), rewrite.endLine(), p.filePath(), p.description(),
                p.fence(), stripFinalNewline(chunk), p.fileNote(), p.fileContent(), p.snippets(), p.notes()).render();
        return new Prompt(Refactorer.SYSTEM_MESSAGE, user);
    }

    /** The parts both prompts share, each redacted and capped; the fence is longer than any backtick run in them. */
    private record Parts(String language, String filePath, String description, String fence, String fileNote,
            String fileContent, List<SnippetView> snippets, List<String> notes) {
    }

    private Parts parts(GenerationRequest request, String alsoFenced) {
        String language = languageTag(request.language());
        String content = secrets.redact(Objects.requireNonNullElse(request.fileContent(), ""));
        String shortened = Truncation.headAndTail(content, FILE_HEAD_CHARS, FILE_TAIL_CHARS);
        String fileNote = shortened.length() == content.length()
                ? ""
                : " (shortened to its first and last lines: " + content.lines().count() + " lines in all)";
        List<GenerationRequest.Snippet> given = Objects.requireNonNullElse(request.snippets(), List.of());
        List<SnippetView> snippets = given.stream().filter(Objects::nonNull).limit(MAX_SNIPPETS)
                .map(s -> new SnippetView(oneLine(s.path(), 300), s.startLine(),
                        Truncation.head(secrets.redact(Objects.requireNonNullElse(s.code(), "")), MAX_SNIPPET_CHARS)))
                .toList();
        List<String> notes = Objects.requireNonNullElse(request.notes(), List.<String>of()).stream()
                .filter(n -> n != null && !n.isBlank()).limit(MAX_NOTES)
                .map(n -> oneLine(secrets.redact(n), MAX_NOTE_CHARS)).toList();
        String description = Truncation.head(secrets.redact(Objects.requireNonNullElse(request.description(), ""))
                .strip(), MAX_DESCRIPTION_CHARS);
        String fence = fenceFor(shortened + "\n" + alsoFenced, snippets);
        return new Parts(language, oneLine(secrets.redact(Objects.requireNonNullElse(request.filePath(), "")), 300),
                description, fence, fileNote, stripFinalNewline(shortened), snippets, notes);
    }

    /** What the chunk is, in the prompt's words: a class (or other type), a method or a function. */
    static String kind(String chunk, String symbol, String placement) {
        boolean type = Pattern.compile("\\b(?:class|interface|enum|record)\\s+" + Pattern.quote(symbol) + "\\b")
                .matcher(chunk).find();
        return type ? "class" : "java".equals(placement) ? "method" : "function";
    }

    /** The language as a fence tag: lower case, no characters that could break the fence line. */
    static String languageTag(String language) {
        String tag = Objects.requireNonNullElse(language, "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+#_-]", "");
        return tag.isEmpty() ? "text" : tag;
    }

    private static String placement(String language) {
        return switch (Language.named(language)) {
            case JAVA -> "java";
            case PYTHON -> "python";
            case JAVASCRIPT -> "javascript";
            case OTHER -> "other";
        };
    }

    /** A fence longer than any backtick run in what it encloses, so file content cannot close it early. */
    private static String fenceFor(String content, List<SnippetView> snippets) {
        int longest = longestRun(content);
        for (SnippetView s : snippets) {
            longest = Math.max(longest, longestRun(s.code()));
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static int longestRun(String text) {
        int longest = 0;
        Matcher m = BACKTICK_RUN.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.end() - m.start());
        }
        return longest;
    }

    private static String oneLine(String text, int max) {
        return Truncation.head(Objects.requireNonNullElse(text, "").replaceAll("[\\r\\n\\t]+", " ").strip(), max);
    }

    private static String stripFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** The untrusted output of a failed try is kept up to this size: its head and its tail, where errors are. */
    static final int REPAIR_OUTPUT_HEAD = 1_500;
    static final int REPAIR_OUTPUT_TAIL = 4_500;
    static final int MAX_REPAIR_REASON_CHARS = 1_000;
    /** The line after the untrusted output in {@code repair.txt}. */
    static final String END_MARKER = "----- END UNTRUSTED OUTPUT -----";

    @CheckedTemplate
    static class RepairTemplates {

        static native TemplateInstance repair(int failedTry, int maxTries, String reason, String language,
                String codeFence, String previous, boolean outputCut, String outputFence, String output, String fence,
                String what);
    }

    /**
     * The prompt of a repair try: the original prompt unchanged (so a provider's prefix cache still serves it), then
     * the failed candidate and what its checks printed. That output is the candidate's own: redacted, capped, and
     * fenced by a run of backticks longer than any in it, so it cannot close its fence and pass for the prompt; the
     * text around it says it is output to diagnose, not instructions.
     */
    Prompt renderRepair(RepairRequest repair, Optional<PromptPlanner.FileView> view) {
        GenerationRequest request = repair.context();
        Prompt original = repair.rewrite().isPresent()
                ? renderRewrite(repair.rewrite().get())
                : render(request, view.orElseThrow(() -> new IllegalArgumentException("a helper's repair needs its view")));
        String chunk = repair.rewrite()
                .map(r -> Truncation.head(secrets.redact(Objects.requireNonNullElse(r.chunk(), "")), MAX_CHUNK_CHARS))
                .orElse("");
        String fence = parts(request, chunk).fence();
        String previous = Truncation.head(secrets.redact(Objects.requireNonNullElse(repair.previous(), "")),
                MAX_CHUNK_CHARS);
        String output = secrets.redact(Objects.requireNonNullElse(repair.output(), ""));
        // The fence already holds it; a forged end marker inside is also defused, for a reader that skims.
        String capped = Truncation.headAndTail(output, REPAIR_OUTPUT_HEAD, REPAIR_OUTPUT_TAIL)
                .replace(END_MARKER, "(quoted) " + END_MARKER);
        String reason = Truncation.head(secrets.redact(Objects.requireNonNullElse(repair.reason(), "")).strip(),
                MAX_REPAIR_REASON_CHARS);
        String what = repair.rewrite().map(r -> "`" + oneLine(r.symbol(), 200) + "`").orElse("helper");
        String section = RepairTemplates.repair(repair.failedTry(), repair.maxTries(), reason,
                languageTag(request.language()), fenceAround(previous), stripFinalNewline(previous),
                capped.length() < output.length(), fenceAround(capped), stripFinalNewline(capped), fence, what)
                .render();
        return new Prompt(original.system(), original.user().stripTrailing() + "\n" + section);
    }

    /** A backtick fence longer than any backtick run in {@code text}: nothing inside can close it. */
    static String fenceAround(String text) {
        return "`".repeat(Math.max(3, longestRun(text) + 1));
    }
}
