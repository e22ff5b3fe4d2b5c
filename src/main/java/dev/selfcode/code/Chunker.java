package dev.selfcode.code;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Splits source files into chunks at top-level definitions. Deliberately simple (line patterns, no
 * parser): good enough to find related code and to place a helper after a named chunk.
 */
public final class Chunker {

    static final int MAX_CHUNK_LINES = 200;

    private Chunker() {
    }

    public static List<Chunk> chunk(String path, Language language, String source) {
        String[] lines = source.split("\n", -1);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int indent = line.length() - line.stripLeading().length();
            if (indent > language.maxIndent) {
                continue;
            }
            Matcher m = language.definition.matcher(line);
            if (m.find() && !isControlKeyword(line)) {
                starts.add(new int[]{includeDecorators(lines, i)});
                names.add(firstGroup(m));
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        if (starts.isEmpty()) {
            if (!source.isBlank()) {
                chunks.add(new Chunk(path, null, 1, lines.length, limit(lines, 0, lines.length)));
            }
            return chunks;
        }
        for (int c = 0; c < starts.size(); c++) {
            int from = starts.get(c)[0];
            int to = c + 1 < starts.size() ? starts.get(c + 1)[0] : lines.length;
            while (to > from + 1 && lines[to - 1].isBlank()) {
                to--;
            }
            chunks.add(new Chunk(path, names.get(c), from + 1, to, limit(lines, from, to)));
        }
        return chunks;
    }

    private static int includeDecorators(String[] lines, int i) {
        int start = i;
        while (start > 0 && (lines[start - 1].strip().startsWith("@") || lines[start - 1].strip().startsWith("//")
                || lines[start - 1].strip().startsWith("#") || lines[start - 1].strip().startsWith("*")
                || lines[start - 1].strip().startsWith("/*"))) {
            start--;
        }
        return start;
    }

    private static boolean isControlKeyword(String line) {
        String s = line.strip();
        return s.startsWith("if ") || s.startsWith("for ") || s.startsWith("while ") || s.startsWith("switch ")
                || s.startsWith("return ") || s.startsWith("catch ") || s.startsWith("else") || s.startsWith("new ");
    }

    static String firstGroup(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    private static String limit(String[] lines, int from, int to) {
        int end = Math.min(to, from + MAX_CHUNK_LINES);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, end));
    }
}
