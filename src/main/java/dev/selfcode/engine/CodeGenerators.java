package dev.selfcode.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.selfcode.llm.CodeGenerator;

/** Picks the generator a request names; "auto" means the LLM when one is configured, else the template. */
@ApplicationScoped
class CodeGenerators {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    @Inject
    @Any
    Instance<CodeGenerator> all;

    @ConfigProperty(name = "quarkus.langchain4j.openai.base-url", defaultValue = DEFAULT_BASE_URL)
    String baseUrl;

    @ConfigProperty(name = "quarkus.langchain4j.openai.api-key", defaultValue = "none")
    String apiKey;

    CodeGenerator select(String name) {
        String wanted = "auto".equals(name) ? (llmConfigured() ? "llm" : "template") : name;
        for (CodeGenerator g : all) {
            if (g.name().equals(wanted)) {
                return g;
            }
        }
        throw new StageFailure(FailureKind.BAD_INPUT, "unknown generator '" + name + "' (use llm, template or auto)");
    }

    boolean llmConfigured() {
        return !"none".equals(apiKey) || !DEFAULT_BASE_URL.equals(baseUrl);
    }
}
