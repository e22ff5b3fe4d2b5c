package dev.selfcode.code;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one language enum: source languages Selfcode can chunk, guard and patch (recognised by file extension), what
 * they look like to the code extractor (names, comments, how code opens), and {@link #OTHER} for a language a
 * request names that Selfcode cannot patch (never the language of a path).
 */
public enum Language {

    PYTHON("python", Pattern.compile("^(?:async\\s+def|def|class)\\s+([A-Za-z_]\\w*)"), 0,
            Set.of("python", "py", "python3"), "#",
            "(?:(?:async\\s+def|def|class)\\s+\\w+|@\\w[\\w.]*|import\\s+\\w|from\\s+[\\w.]+\\s+import\\b|#"
                    + "|[A-Za-z_]\\w*\\s*=\\s*lambda\\b).*"), JAVA("java",
                            Pattern.compile(
                                    "^\\s{0,4}(?:(?:public|protected|private|static|final|abstract|synchronized|default)\\s+)*"
                                            + "(?:class|interface|enum|record|[\\w<>\\[\\],? ]+?)\\s+([A-Za-z_]\\w*)\\s*[({<]"),
                            4, Set.of("java"), "//",
                            "/\\*.*|//.*|@\\w+.*|(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)+.*"
                                    + "|<[\\w\\s,?]+>\\s+[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\(.*"
                                    + "|[\\w<>\\[\\],.?]+\\s+\\w+\\s*\\(.*\\)\\s*(?:throws [\\w., ]+)?\\{?\\s*"), JAVASCRIPT(
                                            "javascript", Pattern.compile(
                                                    "^(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?(?:function\\*?\\s+([A-Za-z_$][\\w$]*)|class\\s+([A-Za-z_$][\\w$]*)"
                                                            + "|(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=)"),
                                            0, Set.of("javascript", "js", "node", "nodejs", "mjs", "cjs", "jsx"), "//",
                                            "/\\*.*|//.*|(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\b.*"
                                                    + "|(?:export\\s+)?(?:const|let|var)\\s+\\w+\\s*=.*"
                                                    + "|(?:export\\s+)?class\\s+\\w+.*|module\\.exports\\b.*|exports\\.\\w+\\s*=.*"),
    /** A language named in a request that Selfcode cannot chunk or patch. */
    OTHER("other", null, 0, Set.of(), "#", "\\S.*[{(;:]\\s*");

    public final String id;
    /** Matches a line that starts a top-level definition; a group holds its name. */
    final Pattern definition;
    /** Deepest indentation at which a definition still starts a chunk. */
    final int maxIndent;
    private final Set<String> names;
    private final String lineComment;
    private final Pattern firstLine;

    Language(String id, Pattern definition, int maxIndent, Set<String> names, String lineComment, String firstLine) {
        this.id = id;
        this.definition = definition;
        this.maxIndent = maxIndent;
        this.names = names;
        this.lineComment = lineComment;
        this.firstLine = Pattern.compile(firstLine);
    }

    /** The language of a file, by extension; empty when Selfcode cannot patch it. */
    public static Optional<Language> of(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".py")) {
            return Optional.of(PYTHON);
        }
        if (p.endsWith(".java")) {
            return Optional.of(JAVA);
        }
        if (p.endsWith(".js") || p.endsWith(".mjs") || p.endsWith(".cjs")) {
            return Optional.of(JAVASCRIPT);
        }
        return Optional.empty();
    }

    /** The language a request names ("Python", "js", ...); OTHER when unknown. */
    public static Language named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.names.contains(key)) {
                return language;
            }
        }
        return OTHER;
    }

    /** Whether a fence info string such as {@code py} or {@code javascript} names this language. */
    public boolean isNamedBy(String fenceTag, String requested) {
        String tag = fenceTag.toLowerCase(Locale.ROOT);
        return this == OTHER ? tag.equals(requested.trim().toLowerCase(Locale.ROOT)) : names.contains(tag);
    }

    public String lineComment() {
        return lineComment;
    }

    /**
     * Whether unfenced text plausibly is source in this language rather than prose: its first non-blank line
     * must open like code does (a definition, an import, a comment, an annotation), and a C-like answer must
     * have a body.
     */
    public boolean looksLikeCode(String text) {
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
    public boolean onlyComments(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty())
                .allMatch(l -> l.startsWith(lineComment) || l.startsWith("/*") || l.startsWith("*"));
    }
}
