package dev.selfcode.llm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/**
 * The offline Java helper: a static method, to be inserted just before the final closing brace of the
 * file's top-level type (appending after that brace would not compile). See {@link GeneratedCode}.
 */
final class JavaHelperTemplate {

    private static final Pattern STATIC_METHOD = Pattern.compile("\\bstatic\\s+[\\w<>\\[\\], .?]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern INDENT = Pattern.compile("(?m)^([ \\t]+)\\S");

    private JavaHelperTemplate() {
    }

    static String write(GenerationRequest request) {
        String content = request.fileContent() == null ? "" : request.fileContent();
        JavaOutline outline = JavaOutline.of(content);
        if (outline.wellFormed() && "@interface".equals(outline.lastTypeKind())) {
            throw new StageFailure(FailureKind.BAD_INPUT, "the template generator cannot add a method to an "
                    + "annotation type (" + HelperName.safe(request.filePath()) + "); choose another file");
        }
        String name = HelperName.unusedIn(content, HelperName.camelCase(HelperName.words(request.description())));
        Optional<TemplateBasis> basis = outline.wellFormed()
                ? TemplateBasis.choose(request.snippets(), STATIC_METHOD, s -> outline.staticMethod(s).isPresent())
                : TemplateBasis.choose(request.snippets(), STATIC_METHOD, s -> false);
        Optional<JavaOutline.StaticMethod> target = basis.filter(TemplateBasis::delegate)
                .flatMap(b -> outline.staticMethod(b.symbol()));
        String origin = TemplateBasis.origin(basis, target.isPresent());
        String declaration;
        String body;
        if (target.isPresent()) {
            JavaOutline.StaticMethod m = target.get();
            String call = m.name() + "(" + String.join(", ", m.argumentNames()) + ");";
            declaration = "static " + m.returnType() + " " + name + "(" + String.join(", ", m.parameters()) + ")"
                    + m.throwsClause();
            body = "void".equals(m.returnType()) ? call : "return " + call;
        } else {
            declaration = "static <T> T " + name + "(T value)";
            body = "return value;";
        }
        String member = """
                /**
                 * %s
                 * <p>
                 * Written by Selfcode's offline template generator, without an LLM:
                 * %s
                 */
                %s {
                    %s
                }
                """.formatted(HelperName.sentence(request.description()), origin, declaration, body);
        String indent = indentOf(content);
        String indented = member.lines().map(l -> l.isEmpty() ? l : indent + l.replace("    ", indent))
                .reduce("", (a, b) -> a + b + "\n");
        return outline.wellFormed() && outline.enumNeedsSemicolon() ? indent + ";\n" + indented : indented;
    }

    /** The file's own indentation unit (a tab, or its first indentation), four spaces by default. */
    private static String indentOf(String content) {
        Matcher m = INDENT.matcher(content);
        return m.find() ? m.group(1) : "    ";
    }
}
