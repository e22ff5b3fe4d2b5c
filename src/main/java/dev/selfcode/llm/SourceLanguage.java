package dev.selfcode.llm;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What the code extractor and the template generator need to know about a language: names and looks. */
enum SourceLanguage {
    PYTHON(Set.of("python", "py", "python3"), "#",
            "(?:(?:async\\s+def|def|class)\\s+\\w+|@\\w[\\w.]*|import\\s+\\w|from\\s+[\\w.]+\\s+import\\b|#"
                    + "|[A-Za-z_]\\w*\\s*=\\s*lambda\\b).*"),
    JAVA(Set.of("java"), "//",
            "/\\*.*|//.*|@\\w+.*|(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)+.*"
                    + "|<[\\w\\s,?]+>\\s+[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\(.*"
                    + "|[\\w<>\\[\\],.?]+\\s+\\w+\\s*\\(.*\\)\\s*(?:throws [\\w., ]+)?\\{?\\s*"),
    JAVASCRIPT(Set.of("javascript", "js", "node", "nodejs", "mjs", "cjs", "jsx"), "//",
            "/\\*.*|//.*|(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\b.*"
                    + "|(?:export\\s+)?(?:const|let|var)\\s+\\w+\\s*=.*"
                    + "|(?:export\\s+)?class\\s+\\w+.*|module\\.exports\\b.*|exports\\.\\w+\\s*=.*"),
    OTHER(Set.of(), "#", "\\S.*[{(;:]\\s*");

    private final Set<String> names;
    private final String lineComment;
    private final Pattern firstLine;

    SourceLanguage(Set<String> names, String lineComment, String firstLine) {
        this.names = names;
        this.lineComment = lineComment;
        this.firstLine = Pattern.compile(firstLine);
    }

    /** The language a request names ("Python", "js", ...); OTHER when unknown. */
    static SourceLanguage of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SourceLanguage language : values()) {
            if (language.names.contains(key)) {
                return language;
            }
        }
        return OTHER;
    }

    /** Whether a fence info string such as {@code py} or {@code javascript} names this language. */
    boolean isNamedBy(String fenceTag, String requested) {
        String tag = fenceTag.toLowerCase(Locale.ROOT);
        return this == OTHER ? tag.equals(requested.trim().toLowerCase(Locale.ROOT)) : names.contains(tag);
    }

    String lineComment() {
        return lineComment;
    }

    /**
     * Whether unfenced text plausibly is source in this language rather than prose: its first non-blank line
     * must open like code does (a definition, an import, a comment, an annotation), and a C-like answer must
     * have a body.
     */
    boolean looksLikeCode(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        if (!firstLine.matcher(first.strip()).matches()) {
            return false;
        }
        return switch (this) {
            case PYTHON -> text.lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"));
            case JAVA -> text.contains("{") && text.contains("}");
            case JAVASCRIPT -> text.contains("{") || text.contains("=>");
            case OTHER -> true;
        };
    }

    /** Whether every non-blank line is a comment: such a block holds no helper. */
    boolean onlyComments(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty())
                .allMatch(l -> l.startsWith(lineComment) || l.startsWith("/*") || l.startsWith("*"));
    }
}
