package dev.selfcode.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Identifier-aware words of code and of requests: {@code normalizeText}, {@code normalize_text} and "normalize text"
 * all give normalize, text. What the keyword (BM25) side of the code search indexes and asks for.
 */
final class CodeWords {

    /** Words of a request that say nothing about which code it is about ("add a helper function that ..."). */
    static final Set<String> REQUEST_NOISE = Set.of("a", "an", "the", "to", "of", "and", "or", "for", "in", "on",
            "add", "with", "that", "this", "is", "be", "it", "by", "from", "helper", "function", "make", "new");

    private CodeWords() {
    }

    /** Lower-cased words in order, repeats kept (term frequency counts for BM25); single characters dropped. */
    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String token : text.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_")) {
            if (token.length() > 1) {
                out.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The text a chunk is found by: its path and symbol (the symbol twice, names weigh more) and its content. */
    static String document(String path, String symbol, String content) {
        return String.join(" ", of(path)) + " " + String.join(" ", of(symbol)) + " " + String.join(" ", of(symbol))
                + " " + String.join(" ", of(content));
    }

    /** The words of a request, without {@link #REQUEST_NOISE}. */
    static String query(String request) {
        return String.join(" ", of(request).stream().filter(w -> !REQUEST_NOISE.contains(w)).toList());
    }
}
