package dev.selfcode.code;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Exactly where a chunk's definition lies in its file, and its signature: what a rewrite of the chunk replaces and
 * must keep. The chunker's chunk runs up to the next definition; a span ends with the definition itself (its closing
 * brace, or its last indented line in Python), so module-level code after it is not part of it.
 *
 * @param symbol    the name defined
 * @param startLine first line, 1-based: the chunk's start, with the decorators, annotations and comments above it
 * @param endLine   last line, inclusive
 * @param header    the declaration as written, up to its body (Python: before the colon; Java: before the opening
 *                  brace; JavaScript: before the opening brace, or through the arrow)
 */
public record ChunkSpan(String symbol, int startLine, int endLine, String header) {

    /** The span of {@code chunk}, a chunk the {@link Chunker} found in {@code source}; empty when it cannot be read. */
    public static Optional<ChunkSpan> of(Language language, String source, Chunk chunk) {
        if (chunk.symbol() == null) {
            return Optional.empty();
        }
        String[] lines = source.split("\n", -1);
        for (int i = chunk.startLine() - 1; i < Math.min(lines.length, chunk.endLine()); i++) {
            Matcher m = language.definition.matcher(lines[i]);
            int indent = lines[i].length() - lines[i].stripLeading().length();
            if (indent <= language.maxIndent && m.find() && chunk.symbol().equals(Chunker.firstGroup(m))) {
                return new Reader(language, source, lines).read(chunk.symbol(), chunk.startLine(), i);
            }
        }
        return Optional.empty();
    }

    /** The first top-level definition named {@code symbol} in a piece of code (a rewrite), when there is one. */
    public static Optional<ChunkSpan> find(Language language, String code, String symbol) {
        return Chunker.chunk("", language, code).stream().filter(c -> symbol.equals(c.symbol())).findFirst()
                .flatMap(c -> of(language, code, c));
    }

    /** The declaration without blanks or a trailing comma before a closing parenthesis: what must not change. */
    public String signature() {
        return header.replaceAll("\\s+", "").replace(",)", ")");
    }

    /** Lines {@link #startLine} to {@link #endLine} of {@code source}, without the final line break. */
    public String text(String source) {
        List<String> lines = List.of(source.split("\n", -1));
        return String.join("\n", lines.subList(startLine - 1, Math.min(endLine, lines.size())));
    }

    /** Reads one definition's header and end from the masked source. */
    private static final class Reader {

        private final Language language;
        private final String source;
        private final String masked;
        private final String[] lines;
        private final List<int[]> literals;
        private final int[] lineStart;

        Reader(Language language, String source, String[] lines) {
            this.language = language;
            this.source = source;
            this.masked = SourceMask.blank(language, source);
            this.lines = lines;
            this.literals = SourceMask.ranges(language, source);
            this.lineStart = new int[lines.length + 1];
            for (int i = 0; i < lines.length; i++) {
                lineStart[i + 1] = lineStart[i] + lines[i].length() + 1;
            }
        }

        Optional<ChunkSpan> read(String symbol, int startLine, int def) {
            int from = lineStart[def] + indent(lines[def]);
            return language == Language.PYTHON ? python(symbol, startLine, def, from) : cLike(symbol, startLine, from);
        }

        private Optional<ChunkSpan> python(String symbol, int startLine, int def, int from) {
            int depth = 0;
            int colon = -1;
            for (int i = from; i < masked.length() && colon < 0; i++) {
                char c = masked.charAt(i);
                depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
                colon = c == ':' && depth == 0 ? i : -1;
            }
            if (colon < 0) {
                return Optional.empty();
            }
            int defIndent = indent(lines[def]);
            int end = lineOf(colon);
            depth = 0;
            int scanned = colon;
            for (int j = lineOf(colon) + 1; j < lines.length; j++) {
                for (; scanned < lineStart[j]; scanned++) {
                    char c = masked.charAt(scanned);
                    depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
                }
                String code = maskedLine(j);
                boolean continued = depth > 0 || insideLiteral(lineStart[j]);
                if (continued || (!code.isBlank() && indent(code) > defIndent)
                        || (code.isBlank() && !lines[j].isBlank() && indent(lines[j]) > defIndent)) {
                    end = j;
                } else if (!code.isBlank()) {
                    break;
                }
            }
            return Optional.of(new ChunkSpan(symbol, startLine, end + 1, source.substring(from, colon).strip()));
        }

        private Optional<ChunkSpan> cLike(String symbol, int startLine, int from) {
            int parens = 0;
            for (int i = from; i < masked.length(); i++) {
                char c = masked.charAt(i);
                if (c == '(' || c == '[') {
                    parens++;
                } else if (c == ')' || c == ']') {
                    parens--;
                } else if (parens == 0 && c == '{') {
                    int close = matchingBrace(i);
                    return close < 0 ? Optional.empty() : span(symbol, startLine, from, i, close);
                } else if (parens == 0 && c == ';') {
                    return span(symbol, startLine, from, i, i);
                } else if (parens == 0 && language == Language.JAVASCRIPT && masked.startsWith("=>", i)) {
                    int body = i + 2;
                    while (body < masked.length() && Character.isWhitespace(masked.charAt(body))) {
                        body++;
                    }
                    if (body < masked.length() && masked.charAt(body) == '{') {
                        int close = matchingBrace(body);
                        return close < 0 ? Optional.empty() : span(symbol, startLine, from, i + 2, close);
                    }
                    return span(symbol, startLine, from, i + 2, statementEnd(body));
                } else if (parens == 0 && language == Language.JAVASCRIPT && c == '\n' && complete(i)
                        && masked.substring(from, i).contains("=")) {
                    return span(symbol, startLine, from, i, i - 1);
                }
            }
            return Optional.empty();
        }

        /** A JavaScript statement without a semicolon ends with a line that does not continue on the next. */
        private boolean complete(int newline) {
            String before = masked.substring(lineStart[lineOf(newline)], newline).strip();
            return !before.isEmpty() && "=,([{+-*/?:&|>.".indexOf(before.charAt(before.length() - 1)) < 0;
        }

        private int statementEnd(int from) {
            int depth = 0;
            for (int i = from; i < masked.length(); i++) {
                char c = masked.charAt(i);
                depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
                if (depth == 0 && (c == ';' || (c == '\n' && complete(i)))) {
                    return c == ';' ? i : i - 1;
                }
            }
            return masked.length() - 1;
        }

        private int matchingBrace(int open) {
            int depth = 0;
            for (int i = open; i < masked.length(); i++) {
                char c = masked.charAt(i);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        private Optional<ChunkSpan> span(String symbol, int startLine, int from, int headerEnd, int last) {
            String header = source.substring(from, headerEnd).strip();
            return Optional.of(new ChunkSpan(symbol, startLine, lineOf(Math.max(last, from)) + 1, header));
        }

        private boolean insideLiteral(int offset) {
            for (int[] r : literals) {
                if (r[0] < offset && offset < r[1]) {
                    return true;
                }
            }
            return false;
        }

        private String maskedLine(int j) {
            return masked.substring(lineStart[j], lineStart[j] + lines[j].length());
        }

        private int lineOf(int offset) {
            int j = 0;
            while (j + 1 < lines.length && lineStart[j + 1] <= offset) {
                j++;
            }
            return j;
        }

        private static int indent(String line) {
            return line.length() - line.stripLeading().length();
        }
    }
}
