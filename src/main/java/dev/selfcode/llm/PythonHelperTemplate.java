package dev.selfcode.llm;

import java.util.Optional;
import java.util.regex.Pattern;

/** The offline Python helper: a module-level function, appended to the end of the file. */
final class PythonHelperTemplate {

    /** A module-level, non-async {@code def} (async ones would need awaiting). */
    private static final Pattern TOP_LEVEL_DEF = Pattern.compile("(?m)^def\\s+(\\w+)\\s*\\(");

    private PythonHelperTemplate() {
    }

    static String write(GenerationRequest request) {
        String content = request.fileContent() == null ? "" : request.fileContent();
        String name = HelperName.unusedIn(content, HelperName.snakeCase(HelperName.words(request.description())));
        Optional<TemplateBasis> basis = TemplateBasis.choose(request.snippets(), TOP_LEVEL_DEF,
                symbol -> Pattern.compile("(?m)^def\\s+" + Pattern.quote(symbol) + "\\s*\\(").matcher(content).find());
        boolean delegate = basis.map(TemplateBasis::delegate).orElse(false);
        String origin = TemplateBasis.origin(basis, delegate);
        String signature = delegate ? "*args, **kwargs" : "value";
        String body = delegate ? "return " + basis.get().symbol() + "(*args, **kwargs)" : "return value";
        return """
                def %s(%s):
                    \"\"\"%s

                    Written by Selfcode's offline template generator, without an LLM:
                    %s
                    \"\"\"
                    %s
                """.formatted(name, signature, HelperName.sentence(request.description()), origin, body);
    }
}
