package dev.selfcode.code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A whole file cut into consecutive chunks, each under a token threshold, at top-level definitions (as {@link Chunker}
 * finds them; Java: the type and each member); the lines before the first definition start a chunk too, and a
 * definition above the threshold is cut further between lines. Small neighbouring definitions share a chunk (so a file
 * of many one-liners does not become thousands of summaries); where such a group ends depends only on the names in it,
 * never on the rest of the file, so an edit changes only the chunks whose lines it touches. Together the chunks cover
 * every line once.
 */
public final class FileChunks {

    private FileChunks() {
    }

    /**
     * One piece of the file.
     *
     * @param symbol    the definition's name; null for the lines before the first definition
     * @param part      1 for a whole definition, else which piece of a definition cut at the threshold
     * @param startLine first line, 1-based
     * @param endLine   last line, inclusive
     * @param text      the lines, joined by line breaks
     * @param tokens    tokens in {@code text}
     * @param hash      SHA-256 of {@code text}: the key of its summary
     * @param symbols   every definition in the chunk, in order ({@code symbol} first; empty for the top of the file alone)
     */
    public record FileChunk(String symbol, int part, int startLine, int endLine, String text, int tokens, String hash,
            List<String> symbols) {

        /** {@code name}, {@code name (part 2)}, {@code first .. last (3 definitions)} or {@code (top of file)}. */
        public String label() {
            if (symbols.size() > 1) {
                return (symbol == null ? "(top of file)" : symbol) + " .. " + symbols.get(symbols.size() - 1) + " ("
                        + symbols.size() + " definitions)";
            }
            String name = symbols.isEmpty() ? "(top of file)" : symbols.get(0);
            return part > 1 ? name + " (part " + part + ")" : name;
        }

        /** Whether the chunk holds the definition named {@code name}. */
        public boolean defines(String name) {
            return symbols.contains(name);
        }
    }

    /** A definition below this share of the threshold may share its chunk with its neighbours. */
    static final int SMALL_DIVISOR = 16;
    /** About one in this many definitions ends a group of small ones (by its name's hash). */
    static final int GROUP_EVERY = 4;

    /**
     * The chunks of {@code source}, each under {@code threshold} tokens (a single line above it stays whole).
     *
     * @param tokens counts tokens in a text
     */
    public static List<FileChunk> split(Language language, String source, int threshold, ToIntFunction<String> tokens) {
        String[] lines = source.split("\n", -1);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        // Java from javac's tree; Python and JavaScript (and Java javac cannot parse) by the language-aware splitter.
        Optional<List<JavaDefinitions.Start>> java = language == Language.JAVA
                ? JavaDefinitions.of(source)
                : Optional.empty();
        if (java.isPresent()) {
            for (JavaDefinitions.Start d : java.get()) {
                starts.add(d.line());
                names.add(d.name());
            }
        } else {
            for (Chunk c : Chunker.chunk("", language, source)) {
                if (c.symbol() != null) {
                    starts.add(c.startLine() - 1);
                    names.add(c.symbol());
                }
            }
        }
        if (starts.isEmpty() || starts.get(0) > 0) {
            starts.add(0, 0);
            names.add(0, null);
        }
        List<FileChunk> units = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : lines.length;
            pieces(lines, from, to, names.get(i), threshold, tokens, units);
        }
        return group(lines, units, threshold, tokens);
    }

    /** Runs of small whole definitions joined into one chunk, each run ending at a boundary name or before the threshold. */
    private static List<FileChunk> group(String[] lines, List<FileChunk> units, int threshold,
            ToIntFunction<String> tokens) {
        int small = Math.max(1, threshold / SMALL_DIVISOR);
        List<FileChunk> out = new ArrayList<>();
        List<FileChunk> run = new ArrayList<>();
        long runTokens = 0;
        for (FileChunk u : units) {
            boolean joinable = u.part() == 1 && u.tokens() < small;
            if (!joinable || runTokens + u.tokens() + 1 >= threshold * 0.9) {
                flush(lines, run, tokens, out);
                run.clear();
                runTokens = 0;
            }
            if (!joinable) {
                out.add(u);
                continue;
            }
            run.add(u);
            runTokens += u.tokens() + 1;
            if (ends(u)) {
                flush(lines, run, tokens, out);
                run.clear();
                runTokens = 0;
            }
        }
        flush(lines, run, tokens, out);
        return out;
    }

    /** A definition whose name hashes to 0 modulo {@link #GROUP_EVERY} closes its group: a boundary set by content. */
    private static boolean ends(FileChunk u) {
        String name = u.symbol() == null ? "" : u.symbol();
        return Character.digit(ContentHash.sha256(name).charAt(0), 16) % GROUP_EVERY == 0;
    }

    private static void flush(String[] lines, List<FileChunk> run, ToIntFunction<String> tokens, List<FileChunk> out) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() == 1) {
            out.add(run.get(0));
            return;
        }
        FileChunk first = run.get(0);
        FileChunk last = run.get(run.size() - 1);
        String text = join(lines, first.startLine() - 1, last.endLine());
        List<String> symbols = run.stream().flatMap(c -> c.symbols().stream()).toList();
        out.add(new FileChunk(first.symbol(), 1, first.startLine(), last.endLine(), text, tokens.applyAsInt(text),
                ContentHash.sha256(text), symbols));
    }

    /** Lines {@code from..to-1} as one chunk, or cut at line ends into pieces under the threshold. */
    private static void pieces(String[] lines, int from, int to, String symbol, int threshold,
            ToIntFunction<String> tokens, List<FileChunk> out) {
        String whole = join(lines, from, to);
        int wholeTokens = tokens.applyAsInt(whole);
        if (wholeTokens < threshold) {
            out.add(new FileChunk(symbol, 1, from + 1, Math.max(from + 1, to), whole, wholeTokens,
                    ContentHash.sha256(whole), symbols(symbol)));
            return;
        }
        int part = 1;
        int start = from;
        while (start < to) {
            // Line counts add up to about the piece's count; the piece is then counted whole and shrunk if needed.
            int end = start;
            long sum = 0;
            while (end < to && (end == start || sum + tokens.applyAsInt(lines[end] + "\n") < threshold)) {
                sum += tokens.applyAsInt(lines[end] + "\n");
                end++;
            }
            String text = join(lines, start, end);
            int count = tokens.applyAsInt(text);
            while (count >= threshold && end > start + 1) {
                end--;
                text = join(lines, start, end);
                count = tokens.applyAsInt(text);
            }
            out.add(new FileChunk(symbol, part++, start + 1, end, text, count, ContentHash.sha256(text),
                    symbols(symbol)));
            start = end;
        }
    }

    private static List<String> symbols(String symbol) {
        return symbol == null ? List.of() : List.of(symbol);
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", Arrays.copyOfRange(lines, from, to));
    }
}
