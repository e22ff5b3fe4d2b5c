package dev.selfcode.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.Result;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.HelperPrompt.Prompt;
import dev.selfcode.memory.GptInteraction;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.text.Tokens;

/**
 * The "llm" generator: asks {@link HelperWriter} for a helper (or {@link Refactorer} for a chunk rewritten), extracts
 * the code and logs every call, success or failure, in {@link GptMemory}.
 */
@ApplicationScoped
public class LlmCodeGenerator implements CodeGenerator {

    private static final Logger LOG = Logger.getLogger(LlmCodeGenerator.class);

    /** Resolved per call, so an unconfigured endpoint never stops the application from starting. */
    @Inject
    Instance<HelperWriter> writer;

    @Inject
    Instance<Refactorer> refactorer;

    @Inject
    HelperPrompt prompts;

    @Inject
    GptMemory memory;

    @Inject
    SecretScanner secrets;

    @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "unknown")
    String configuredModel;

    @ConfigProperty(name = "quarkus.langchain4j.openai.base-url", defaultValue = "(unset)")
    String baseUrl;

    @ConfigProperty(name = "quarkus.langchain4j.openai.timeout")
    Optional<Duration> timeout;

    @Override
    public String name() {
        return "llm";
    }

    @Inject
    PromptPlanner planner;

    @Inject
    SharedPrefix sharedPrefix;

    @Override
    public GeneratedCode generate(GenerationRequest request) {
        PromptPlanner.FileView view = planner.view(request, true);
        Prompt prompt = prompts.render(request, view);
        Optional<Double> shared = sharedPrefix(request, prompt);
        GeneratedCode code = ask(request, prompt, p -> writer.get().writeHelper(p),
                view.chunked() ? List.of("chunked:" + view.chunks().size()) : List.of());
        return new GeneratedCode(code.code(), code.generator(), code.model(), code.promptTokens(),
                code.completionTokens(), code.prompt(), code.rawResponse(), code.interactionId(),
                new PromptCost(view.summarizerCalls(), view.summarizerTokens(), view.chunked(), view.fileTokens(),
                        shared));
    }

    /** The share of the prompt identical to the previous one on the file; empty when there is none or it is unknown. */
    private Optional<Double> sharedPrefix(GenerationRequest request, Prompt prompt) {
        try {
            return sharedPrefix.previous(request.repo(), request.filePath())
                    .map(previous -> SharedPrefix.share(previous, prompt.asSent(), planner.tokens()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not read the previous prompt on %s", request.filePath());
            return Optional.empty();
        }
    }

    @Override
    public GeneratedCode rewrite(ChunkRewriteRequest request) {
        return ask(request.context(), prompts.renderRewrite(request), p -> refactorer.get().rewriteChunk(p),
                List.of("task:rewrite", "chunk:" + request.symbol()));
    }

    @Override
    public boolean repairs() {
        return true;
    }

    /** Asks the same service as the first try (a helper or a chunk rewrite) with the failure appended. */
    @Override
    public GeneratedCode repair(RepairRequest request) {
        List<String> tags = new ArrayList<>(List.of("task:repair", "try:" + (request.failedTry() + 1)));
        request.rewrite().ifPresent(r -> tags.add("chunk:" + r.symbol()));
        Function<String, Result<String>> call = request.rewrite().isPresent()
                ? p -> refactorer.get().rewriteChunk(p)
                : p -> writer.get().writeHelper(p);
        // The first try's view again, without asking the summarizer: what it summarised is cached, and what it could not
        // was a fallback line then too, so the original prompt is rebuilt unchanged and a repair costs no summaries.
        Optional<PromptPlanner.FileView> view = request.rewrite().isPresent()
                ? Optional.empty()
                : Optional.of(planner.view(request.context(), false));
        return ask(request.context(), prompts.renderRepair(request, view), call, tags);
    }

    /** One call to the model: the code extracted from its answer; every call logged, success or failure. */
    private GeneratedCode ask(GenerationRequest request, Prompt prompt, Function<String, Result<String>> call,
            List<String> tags) {
        long started = System.nanoTime();
        Result<String> result;
        ChatResponse response;
        try (ChatResponseCapture.Capture capture = ChatResponseCapture.start()) {
            result = call.apply(prompt.user());
            response = capture.response();
        } catch (RuntimeException e) {
            StageFailure failure = new LlmFailures(baseUrl, timeout, secrets).classify(e);
            record(request, prompt, configuredModel, null, failure, Usage.NONE, started, tags);
            throw failure;
        }
        String raw = result == null ? null : result.content();
        String model = response != null && response.modelName() != null ? response.modelName() : configuredModel;
        Usage usage = Usage.of(result == null ? null : result.tokenUsage(), response, prompt.asSent(), raw,
                Tokens.forModel(configuredModel));
        try {
            String code = CodeExtractor.extract(raw, request.language());
            Long id = record(request, prompt, model, raw, null, usage, started, tags);
            return new GeneratedCode(code, name(), model, usage.prompt(), usage.completion(), prompt.asSent(), raw, id);
        } catch (StageFailure rejected) {
            record(request, prompt, model, raw, rejected, usage, started, tags);
            throw rejected;
        }
    }

    /** Logs the call; a failing log never fails the generation, it is only reported. */
    private Long record(GenerationRequest request, Prompt prompt, String model, String raw, StageFailure failure,
            Usage usage, long startedNanos, List<String> extraTags) {
        long latencyMs = (System.nanoTime() - startedNanos) / 1_000_000;
        List<String> tags = new ArrayList<>();
        tags.add("generator:" + name());
        tags.add("lang:" + HelperPrompt.languageTag(request.language()));
        tags.add("status:" + (failure == null ? "ok" : failure.kind().name().toLowerCase(java.util.Locale.ROOT)));
        if (request.filePath() != null) {
            tags.add("file:" + request.filePath());
        }
        tags.add("tokens:" + (usage.reported() ? "reported" : "counted"));
        tags.addAll(extraTags);
        String error = failure == null
                ? null
                : failure.detail() == null || failure.detail().equals(raw)
                        ? failure.getMessage()
                        : failure.getMessage() + "\n" + failure.detail();
        try {
            return memory.log(new GptMemory.Interaction(GptInteraction.GENERATE, request.repo(), model, prompt.asSent(),
                    raw, error, usage.promptOrNull(), usage.completionOrNull(), latencyMs, tags));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not log the LLM call in gpt_interaction");
            return null;
        }
    }

    /**
     * Token counts: the endpoint's own when it reported them, else counted with JTokkit in the model's encoding
     * (cl100k_base when JTokkit does not know the model).
     */
    record Usage(int prompt, int completion, boolean reported) {
        static final Usage NONE = new Usage(0, 0, false);

        static Usage of(TokenUsage fromResult, ChatResponse response, String prompt, String answer, Tokens counter) {
            TokenUsage usage = fromResult != null ? fromResult : response == null ? null : response.tokenUsage();
            if (usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null) {
                return new Usage(usage.inputTokenCount(), usage.outputTokenCount(), true);
            }
            return new Usage(counter.count(prompt), counter.count(answer), false);
        }

        Integer promptOrNull() {
            return reported || prompt > 0 ? prompt : null;
        }

        Integer completionOrNull() {
            return reported || completion > 0 ? completion : null;
        }
    }
}
