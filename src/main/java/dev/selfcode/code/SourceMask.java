package dev.selfcode.code;

import java.util.ArrayList;
import java.util.List;

/**
 * Blanks out comments and string literals of a source file, keeping every offset and line break, so braces, brackets
 * and keywords inside them do not count when structure is read from the text. Java: comments, strings, text blocks
 * and char literals; JavaScript also template literals; Python {@code #} comments and (triple-quoted) strings.
 */
public final class SourceMask {

    private SourceMask() {
    }

    /** The source with its comments and literals blanked (line breaks kept). */
    public static String blank(Language language, String source) {
        StringBuilder out = new StringBuilder(source);
        for (int[] r : ranges(language, source)) {
            for (int k = r[0]; k < r[1]; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
        }
        return out.toString();
    }

    /** The comments and literals of the source as [from, to) offsets, in order. */
    static List<int[]> ranges(Language language, String source) {
        return language == Language.PYTHON ? python(source) : cLike(source, language == Language.JAVASCRIPT);
    }

    private static List<int[]> cLike(String source, boolean templates) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (source.startsWith("//", i)) {
                end = lineEnd(source, i);
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (!templates && source.startsWith("\"\"\"", i)) {
                end = closing(source, i + 3, "\"\"\"", true);
            } else if (c == '"' || c == '\'') {
                end = closing(source, i + 1, String.valueOf(c), false);
            } else if (templates && c == '`') {
                end = closing(source, i + 1, "`", true);
            } else {
                i++;
                continue;
            }
            out.add(new int[]{i, end});
            i = end;
        }
        return out;
    }

    private static List<int[]> python(String source) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (c == '#') {
                end = lineEnd(source, i);
            } else if (source.startsWith("\"\"\"", i) || source.startsWith("'''", i)) {
                end = closing(source, i + 3, source.substring(i, i + 3), true);
            } else if (c == '"' || c == '\'') {
                end = closing(source, i + 1, String.valueOf(c), false);
            } else {
                i++;
                continue;
            }
            out.add(new int[]{i, end});
            i = end;
        }
        return out;
    }

    private static int lineEnd(String source, int from) {
        int end = source.indexOf('\n', from);
        return end < 0 ? source.length() : end;
    }

    /** Index just past the unescaped {@code quote} that closes a literal starting at {@code from}. */
    private static int closing(String source, int from, String quote, boolean multiLine) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else if (!multiLine && source.charAt(i) == '\n') {
                return i; // an unterminated one-line literal ends with its line
            } else {
                i++;
            }
        }
        return source.length();
    }
}
