package dev.selfcode.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.CodeIndex;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.memory.MemoryStore;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;

/**
 * The context stage: related snippets from the code index, and notes from what happened before (earlier
 * reverted attempts on the repository, similar earlier requests and how they ended).
 */
@ApplicationScoped
class GatherContext {

    static final int SNIPPETS = 5;
    static final int PAST_ATTEMPTS = 5;
    static final int SIMILAR_REQUESTS = 3;
    static final int LEARNED_NOTES = 5;

    @Inject
    CodeIndex codeIndex;
    @Inject
    PatchHistory history;
    @Inject
    GptMemory memory;
    @Inject
    MemoryStore memoryStore;

    /** What the generator gets to see besides the file itself. */
    record Context(List<Chunk> snippets, List<String> notes) {

        String summary() {
            return snippets.size() + " related snippet(s)";
        }
    }

    Context run(PatchRequest request, CheckOut.CheckedOut tree, long patchId) throws IOException {
        codeIndex.index(request.repo(), tree.worktree().baseSha(), tree.worktree().dir());
        List<Chunk> snippets = codeIndex.suggestSnippets(request.repo(), request.description() + " " + tree.filePath(),
                Optional.empty(), SNIPPETS);
        List<String> notes = new ArrayList<>();
        for (PatchAttempt past : history.newest(request.repo(), PAST_ATTEMPTS)) {
            if (past.id != patchId && past.reasons != null && PatchAttempt.REVERT.equals(past.decision)) {
                notes.add("An earlier attempt \"" + past.description + "\" was reverted: " + past.reasons);
            }
        }
        for (GptMemory.Match m : memory.similar(request.repo(), request.description(), SIMILAR_REQUESTS)) {
            if (m.interaction().outcome != null) {
                notes.add("A similar earlier request was " + m.interaction().outcome.toLowerCase(Locale.ROOT)
                        + " (patch " + m.interaction().patchId + ").");
            }
        }
        // What was learned about the repository (a repository has few notes: the closest ones, however close).
        for (MemoryStore.Found f : memoryStore.search(request.repo(), null, request.description(), LEARNED_NOTES)) {
            notes.add("Learned about this repository (" + f.note().key() + ", v" + f.note().version() + "): "
                    + f.note().text());
        }
        return new Context(snippets, notes);
    }
}
