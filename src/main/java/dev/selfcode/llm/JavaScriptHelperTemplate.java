package dev.selfcode.llm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The offline JavaScript helper: a plain function declaration appended to the end of the file. It is not
 * exported, so the module's exports (which tests may list) stay as they were.
 */
final class JavaScriptHelperTemplate {

    private static final Pattern TOP_LEVEL_FUNCTION = Pattern.compile(
            "(?m)^(?:export\\s+(?:default\\s+)?)?(?:(?:async\\s+)?function\\s*\\*?\\s*(\\w+)\\s*\\("
                    + "|(?:const|let|var)\\s+(\\w+)\\s*=\\s*(?:async\\s+)?"
                    + "(?:function\\b|\\([^)]*\\)\\s*=>|\\w+\\s*=>))");

    private JavaScriptHelperTemplate() {
    }

    static String write(GenerationRequest request) {
        String content = request.fileContent() == null ? "" : request.fileContent();
        String name = HelperName.unusedIn(content, HelperName.camelCase(HelperName.words(request.description())));
        Optional<TemplateBasis> basis = TemplateBasis.choose(request.snippets(), FUNCTION_NAME,
                symbol -> definesAtTopLevel(content, symbol));
        boolean delegate = basis.map(TemplateBasis::delegate).orElse(false);
        String origin = TemplateBasis.origin(basis, delegate);
        String signature = delegate ? "...args" : "value";
        String body = delegate ? "return " + basis.get().symbol() + "(...args);" : "return value;";
        return """
                /**
                 * %s
                 *
                 * Written by Selfcode's offline template generator, without an LLM:
                 * %s
                 */
                function %s(%s) {
                  %s
                }
                """.formatted(HelperName.sentence(request.description()), origin, name, signature, body);
    }

    /** Functions a snippet defines, in either form, anywhere (group 1 or 2). */
    private static final Pattern FUNCTION_NAME = Pattern.compile("(?:function\\s*\\*?\\s*(\\w+)\\s*\\("
            + "|(?:const|let|var)\\s+(\\w+)\\s*=\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*=>|\\w+\\s*=>))");

    private static boolean definesAtTopLevel(String content, String symbol) {
        var m = TOP_LEVEL_FUNCTION.matcher(content);
        while (m.find()) {
            if (symbol.equals(m.group(1)) || symbol.equals(m.group(2))) {
                return true;
            }
        }
        return false;
    }
}
