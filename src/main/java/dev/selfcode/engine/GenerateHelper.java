package dev.selfcode.engine;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.ChunkSpan;
import dev.selfcode.code.Language;
import dev.selfcode.llm.ChunkRewriteRequest;
import dev.selfcode.llm.CodeGenerators;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.GenerationRequest;
import dev.selfcode.memory.GptMemory;

/**
 * The generate stage: asks the chosen generator for the helper (or for the chunk to replace, rewritten), and links its
 * logged interaction to the patch.
 */
@ApplicationScoped
class GenerateHelper {

    @Inject
    CodeGenerators generators;
    @Inject
    GptMemory memory;

    GeneratedCode run(PatchRequest request, CheckOut.CheckedOut tree, GatherContext.Context context, long patchId) {
        GenerationRequest prompt = prompt(request, tree, context);
        GeneratedCode generated = tree.replaced().isPresent()
                ? generators.select(request.generator()).rewrite(rewrite(prompt, tree.replaced().get(), tree.original()))
                : generators.select(request.generator()).generate(prompt);
        if (generated.interactionId() != null) {
            memory.linkToPatch(generated.interactionId(), patchId, request.description());
        }
        return generated;
    }

    static GenerationRequest prompt(PatchRequest request, CheckOut.CheckedOut tree, GatherContext.Context context) {
        return prompt(request.repo(), request.description(), tree.filePath(), tree.language(), tree.original(), context,
                request.afterChunk());
    }

    /** The request the generator gets (also what {@code selfcode context} plans, so both show the same prompt). */
    static GenerationRequest prompt(String repo, String description, String filePath, Language language,
            String content, GatherContext.Context context, Optional<String> after) {
        List<GenerationRequest.Snippet> snippets = context.snippets().stream()
                .map(c -> new GenerationRequest.Snippet(c.path(), c.startLine(), c.content())).toList();
        // The whole file: the prompt shows a large one as chunk summaries plus the chunk the helper goes after.
        return new GenerationRequest(description, filePath, language.id, content, snippets, context.notes(), repo,
                after.orElse(null));
    }

    static ChunkRewriteRequest rewrite(GenerationRequest prompt, ChunkSpan span, String original) {
        return new ChunkRewriteRequest(prompt, span.symbol(), span.startLine(), span.endLine(), span.text(original));
    }

    static String summary(GeneratedCode generated) {
        return generated.generator() + " (" + generated.model() + "), tokens " + DecisionTable.tokens(generated) + ", "
                + generated.code().lines().count() + " lines";
    }
}
