package dev.selfcode.llm;

import jakarta.enterprise.context.ApplicationScoped;

import dev.selfcode.code.Language;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/**
 * The "template" generator: the offline, no-LLM fallback. It writes a plain helper named after the request
 * that delegates to the closest function of the same file when it safely can, or else passes its argument
 * through, and says in its doc comment that no LLM wrote it. Python, Java and JavaScript.
 *
 * <p>
 * The helper must never break the file: it uses a name the file does not mention, needs no import, and is
 * not exported. Java helpers are members (see {@link GeneratedCode} for where they go).
 */
@ApplicationScoped
public class TemplateGenerator implements CodeGenerator {

    static final String NO_PROMPT = "(no prompt: written by Selfcode's offline template generator, without an LLM)";

    @Override
    public String name() {
        return "template";
    }

    @Override
    public GeneratedCode generate(GenerationRequest request) {
        String code = switch (Language.named(request.language())) {
            case PYTHON -> PythonHelperTemplate.write(request);
            case JAVA -> JavaHelperTemplate.write(request);
            case JAVASCRIPT -> JavaScriptHelperTemplate.write(request);
            case OTHER -> throw new StageFailure(FailureKind.BAD_INPUT, "the offline template generator writes "
                    + "Python, Java and JavaScript helpers, not " + HelperName.safe(request.language())
                    + "; configure an LLM (SELFCODE_LLM_BASE_URL) for other languages");
        };
        return new GeneratedCode(code, name(), "template", 0, 0, NO_PROMPT, code);
    }
}
