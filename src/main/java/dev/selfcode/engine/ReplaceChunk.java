package dev.selfcode.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.selfcode.code.ChunkSpan;
import dev.selfcode.code.Language;
import dev.selfcode.code.SourceMask;

/**
 * The rewrite of one chunk (a sweep's refactor with an LLM): the rewrite must be that one definition, with the same
 * name and signature, and nothing else; it replaces exactly the chunk's lines, and the rest of the file stays byte for
 * byte as it was.
 */
final class ReplaceChunk {

    private ReplaceChunk() {
    }

    /** Why {@code rewrite} may not replace the chunk at {@code span}; empty when it may. */
    static List<String> problems(String original, ChunkSpan span, String rewrite, Language language) {
        String code = fit(original, span, rewrite);
        Optional<ChunkSpan> found = ChunkSpan.find(language, code, span.symbol());
        if (found.isEmpty()) {
            return List.of("the rewrite does not define `" + span.symbol() + "`: it must be the whole chunk, rewritten");
        }
        List<String> problems = new ArrayList<>();
        ChunkSpan now = found.get();
        if (!now.signature().equals(span.signature())) {
            problems.add("the rewrite changes the signature of `" + span.symbol() + "` from `" + oneLine(span.header())
                    + "` to `" + oneLine(now.header()) + "`; a refactor must keep it");
        }
        String[] masked = SourceMask.blank(language, code).split("\n", -1);
        for (int i = 0; i < masked.length; i++) {
            if ((i < now.startLine() - 1 || i >= now.endLine()) && !masked[i].isBlank()) {
                problems.add("the rewrite has code outside `" + span.symbol() + "` (its line " + (i + 1) + ": `"
                        + oneLine(code.split("\n", -1)[i]) + "`); it must be that one chunk only");
                break;
            }
        }
        return problems;
    }

    /** The file with the chunk's lines replaced by the rewrite; every other byte as it was. */
    static String apply(String original, ChunkSpan span, String rewrite) {
        int[] range = range(original, span);
        String eol = original.startsWith("\r\n", lineEnd(original, range[0])) ? "\r\n" : "\n";
        String code = fit(original, span, rewrite).replace("\n", eol);
        return original.substring(0, range[0]) + code + original.substring(range[1]);
    }

    /** The file without the chunk: what the guard compares a rewrite with, so the rewritten name is no redefinition. */
    static String without(String original, ChunkSpan span) {
        int[] range = range(original, span);
        int next = original.indexOf('\n', range[1]);
        return original.substring(0, range[0]) + (next < 0 ? "" : original.substring(next + 1));
    }

    /**
     * The rewrite as it goes into the file: without blank edges or a final line break, its definition indented as the
     * chunk's is (a Java method answered at column 0 moves to the class's member indentation).
     */
    static String fit(String original, ChunkSpan span, String rewrite) {
        List<String> lines = new ArrayList<>(rewrite.replace("\r\n", "\n").lines().toList());
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        String want = indentOf(span.text(original).lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
        String have = indentOf(lines.isEmpty() ? "" : lines.get(0));
        if (!want.equals(have)) {
            int common = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> indentOf(l).length()).min().orElse(0);
            lines.replaceAll(l -> l.isBlank() ? "" : want + l.substring(common));
        }
        return String.join("\n", lines);
    }

    /** Offsets of the chunk in the file: its first line's start, and its last line's end before the line break. */
    private static int[] range(String original, ChunkSpan span) {
        int from = 0;
        for (int line = 1; line < span.startLine(); line++) {
            from = original.indexOf('\n', from) + 1;
        }
        int to = from;
        for (int line = span.startLine(); line <= span.endLine(); line++) {
            to = lineEnd(original, to);
            if (line < span.endLine()) {
                to = original.indexOf('\n', to) + 1;
            }
        }
        return new int[]{from, to};
    }

    /** The end of the line starting at {@code from}, before its {@code \r\n} or {@code \n}. */
    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        int end = nl < 0 ? text.length() : nl;
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private static String indentOf(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
