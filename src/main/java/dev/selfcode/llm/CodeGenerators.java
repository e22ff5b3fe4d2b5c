package dev.selfcode.llm;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/** Finds a code generator by its name ("llm", "template"), as the CLI's {@code --generator} names it. */
@ApplicationScoped
public class CodeGenerators {

    @Inject
    @Any
    Instance<CodeGenerator> generators;

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    @ConfigProperty(name = "quarkus.langchain4j.openai.base-url", defaultValue = DEFAULT_BASE_URL)
    String baseUrl;

    @ConfigProperty(name = "quarkus.langchain4j.openai.api-key", defaultValue = "none")
    String apiKey;

    /** Like {@link #byName}, and "auto" means the LLM when an endpoint or key is configured, else the template. */
    public CodeGenerator select(String name) {
        return byName("auto".equals(name) ? (llmConfigured() ? "llm" : "template") : name);
    }

    boolean llmConfigured() {
        return !"none".equals(apiKey) || !DEFAULT_BASE_URL.equals(baseUrl);
    }

    /** @throws StageFailure BAD_INPUT for an unknown name, listing the known ones */
    public CodeGenerator byName(String name) {
        for (CodeGenerator generator : generators) {
            if (generator.name().equals(name)) {
                return generator;
            }
        }
        throw new StageFailure(FailureKind.BAD_INPUT,
                "unknown generator '" + name + "'; choose one of " + String.join(", ", names()));
    }

    /** Every generator's name, sorted. */
    public List<String> names() {
        return generators.stream().map(CodeGenerator::name).sorted().toList();
    }
}
