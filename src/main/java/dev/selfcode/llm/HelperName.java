package dev.selfcode.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names a helper after the request ("normalize text" -> {@code normalize_text} / {@code normalizeText}) and
 * writes the request into a comment safely.
 */
final class HelperName {

    private static final int MAX_WORDS = 4;
    private static final Set<String> FILLER = Set.of("a", "an", "the", "that", "which", "to", "for", "of", "and",
            "with", "in", "on", "by", "from", "into", "helper", "function", "method", "add", "adds", "write",
            "create", "implement", "please", "new", "small", "simple", "some", "it", "is", "should", "can", "we",
            "our", "me", "us", "i", "util", "utility");

    private HelperName() {
    }

    /** Meaningful lower-case ASCII words of the description, at most four; never empty. */
    static List<String> words(String description) {
        List<String> words = new ArrayList<>();
        String ascii = description == null ? "" : description.toLowerCase(Locale.ROOT);
        for (String word : ascii.split("[^a-z0-9]+")) {
            if (!word.isEmpty() && !FILLER.contains(word) && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            words.add("selfcode");
        }
        if (Character.isDigit(words.get(0).charAt(0))) {
            words.add(0, "helper");
        }
        if (words.size() == 1) {
            // a lone word is often a builtin or keyword (filter, print, class): a suffix avoids both
            words.add("helper");
        }
        return words;
    }

    static String snakeCase(List<String> words) {
        return String.join("_", words);
    }

    static String camelCase(List<String> words) {
        StringBuilder name = new StringBuilder(words.get(0));
        for (String word : words.subList(1, words.size())) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /**
     * {@code name}, or {@code name2}, {@code name3}, ... : the first that the file does not mention at all,
     * so the helper neither redefines nor shadows anything the file uses.
     */
    static String unusedIn(String fileContent, String name) {
        String content = fileContent == null ? "" : fileContent;
        String candidate = name;
        for (int n = 2; Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(candidate) + "(?![A-Za-z0-9_$])")
                .matcher(content).find(); n++) {
            candidate = name + n;
        }
        return candidate;
    }

    /**
     * The description as one short sentence that is safe inside any comment or docstring: no quotes,
     * backslashes (Java reads unicode escapes even in comments), asterisks or line breaks.
     */
    static String sentence(String description) {
        String flat = (description == null ? "" : description).replaceAll("[^A-Za-z0-9 .,:;()'_/-]", " ")
                .replaceAll("\\s+", " ").strip();
        if (flat.length() > 100) {
            flat = flat.substring(0, 100).strip() + "...";
        }
        if (flat.isEmpty()) {
            return "A helper.";
        }
        flat = Character.toUpperCase(flat.charAt(0)) + flat.substring(1);
        return flat.endsWith(".") ? flat : flat + ".";
    }

    /** A path or symbol, made safe for a comment the same way as {@link #sentence}. */
    static String safe(String text) {
        String flat = (text == null ? "" : text).replaceAll("[^A-Za-z0-9 .,:()_/-]", "").strip();
        return flat.length() > 120 ? flat.substring(0, 120) : flat;
    }
}
