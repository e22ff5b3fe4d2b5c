package dev.selfcode.memory;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of a text that say what it is about, for a first, embedding-free similarity. */
final class Keywords {

    /** Only the start of a long prompt: that is where the request is; the rest is mostly file content. */
    static final int SCANNED_CHARS = 4_000;

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "that", "this", "from", "into",
            "are", "was", "not", "but", "all", "any", "its", "has", "have", "def", "return", "function", "class",
            "import", "public", "private", "static", "final", "void", "const", "let", "var", "self", "none", "null",
            "true", "false", "new", "write", "helper", "file", "maintainer", "asked", "code", "block", "one",
            "answer", "reply", "what", "does", "add", "make", "use", "using");

    private Keywords() {
    }

    static Set<String> of(String text) {
        Set<String> words = new HashSet<>();
        if (text == null) {
            return words;
        }
        Matcher m = WORD.matcher(text.length() > SCANNED_CHARS ? text.substring(0, SCANNED_CHARS) : text);
        while (m.find()) {
            for (String part : CAMEL.split(m.group())) {
                String word = stem(part.toLowerCase(Locale.ROOT));
                if (word.length() >= 3 && !STOP.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** A plural or third-person "s" dropped, so "normalizes" meets "normalize". */
    private static String stem(String word) {
        return word.length() > 4 && word.endsWith("s") && !word.endsWith("ss")
                ? word.substring(0, word.length() - 1)
                : word;
    }

    /** Cosine similarity of two word sets: 0 when nothing is shared, 1 when they are the same. */
    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long shared = a.stream().filter(b::contains).count();
        return shared / Math.sqrt((double) a.size() * b.size());
    }
}
