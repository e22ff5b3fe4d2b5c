package dev.selfcode.llm;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The existing code an offline helper is based on: a function of the same file it can safely delegate to, or
 * else just the closest snippet, named in the helper's comment.
 *
 * @param symbol   the function or method name, may be empty when the snippet names none
 * @param path     where the snippet came from
 * @param line     its first line
 * @param delegate whether the helper calls {@code symbol} (it is defined at the top level of the target file)
 */
record TemplateBasis(String symbol, String path, int line, boolean delegate) {

    /** The sentence of the helper's comment that says what it is based on and what it does. */
    static String origin(Optional<TemplateBasis> basis, boolean delegates) {
        return basis.map(b -> delegates
                ? "it delegates to " + b.describe() + ", the closest existing code."
                : "a pass-through placeholder modelled on " + b.describe() + "; it returns its argument unchanged.")
                .orElse("a pass-through placeholder; it returns its argument unchanged.");
    }

    private String describe() {
        String where = HelperName.safe(path) + ", line " + line;
        if (symbol.isEmpty()) {
            return "the closest existing code (" + where + ")";
        }
        return HelperName.safe(symbol) + "() in " + where;
    }

    /**
     * The first snippet function ({@code definition}'s first matching group) that {@code definedInFile}
     * accepts becomes a delegate; failing that the
     * first snippet is only named; failing that there is no basis.
     */
    static Optional<TemplateBasis> choose(List<GenerationRequest.Snippet> snippets, Pattern definition,
            java.util.function.Predicate<String> definedInFile) {
        if (snippets == null) {
            return Optional.empty();
        }
        for (GenerationRequest.Snippet snippet : snippets) {
            if (snippet == null || snippet.code() == null) {
                continue;
            }
            Matcher m = definition.matcher(snippet.code());
            while (m.find()) {
                String symbol = firstGroup(m);
                if (symbol != null && definedInFile.test(symbol)) {
                    return Optional.of(new TemplateBasis(symbol, snippet.path(), snippet.startLine(), true));
                }
            }
        }
        return snippets.stream().filter(s -> s != null && s.code() != null).findFirst().map(s -> {
            Matcher any = ANY_NAME.matcher(s.code());
            return new TemplateBasis(any.find() ? any.group(1) : "", s.path(), s.startLine(), false);
        });
    }

    /** The first group that matched: patterns may offer alternative forms of a definition. */
    private static String firstGroup(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    private static final Pattern ANY_NAME = Pattern.compile(
            "(?:def|function|static\\s+[\\w<>\\[\\], .?]+?)\\s+(\\w+)\\s*\\(");
}
