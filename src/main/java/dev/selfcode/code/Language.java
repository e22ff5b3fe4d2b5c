package dev.selfcode.code;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Source languages Selfcode can chunk, guard and patch, recognised by file extension. */
public enum Language {
    PYTHON("python", Pattern.compile("^(?:async\\s+def|def|class)\\s+([A-Za-z_]\\w*)"), 0),
    JAVA("java", Pattern.compile(
            "^\\s{0,4}(?:(?:public|protected|private|static|final|abstract|synchronized|default)\\s+)*"
                    + "(?:class|interface|enum|record|[\\w<>\\[\\],? ]+?)\\s+([A-Za-z_]\\w*)\\s*[({<]"),
            4),
    JAVASCRIPT("javascript", Pattern.compile(
            "^(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?(?:function\\*?\\s+([A-Za-z_$][\\w$]*)|class\\s+([A-Za-z_$][\\w$]*)"
                    + "|(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=)"),
            0);

    public final String id;
    /** Matches a line that starts a top-level definition; a group holds its name. */
    final Pattern definition;
    /** Deepest indentation at which a definition still starts a chunk. */
    final int maxIndent;

    Language(String id, Pattern definition, int maxIndent) {
        this.id = id;
        this.definition = definition;
        this.maxIndent = maxIndent;
    }

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
}
