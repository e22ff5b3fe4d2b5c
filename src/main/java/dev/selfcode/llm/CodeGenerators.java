package dev.selfcode.llm;

import java.util.List;
import java.util.Optional;

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

    /** Set only when the user named an endpoint (application.properties defaults the base URL from it). */
    @ConfigProperty(name = "SELFCODE_LLM_BASE_URL")
    Optional<String> explicitBaseUrl;

    static final String NOT_CONFIGURED = "no LLM configured: set SELFCODE_LLM_BASE_URL / SELFCODE_LLM_API_KEY"
            + " (or use --generator template)";

    /**
     * Like {@link #byName}, and "auto" means the LLM when an endpoint or key is configured, else the template.
     *
     * @throws StageFailure BAD_INPUT for "llm" with no endpoint and no key, before any network call (it would
     *         otherwise go to the public OpenAI URL without a key)
     */
    public CodeGenerator select(String name) {
        if ("llm".equals(name) && !llmConfigured()) {
            throw new StageFailure(FailureKind.BAD_INPUT, NOT_CONFIGURED);
        }
        return byName("auto".equals(name) ? (llmConfigured() ? "llm" : "template") : name);
    }

    /** An endpoint or a key is configured; without either, code comes from templates. */
    public boolean llmConfigured() {
        return configured(explicitBaseUrl, baseUrl, apiKey);
    }

    /** An endpoint was named (SELFCODE_LLM_BASE_URL, or a base URL other than the default), or a real key given. */
    static boolean configured(Optional<String> explicitBaseUrl, String baseUrl, String apiKey) {
        boolean endpoint = explicitBaseUrl.filter(u -> !u.isBlank()).isPresent() || !DEFAULT_BASE_URL.equals(baseUrl);
        boolean key = apiKey != null && !apiKey.isBlank() && !"none".equals(apiKey);
        return endpoint || key;
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
