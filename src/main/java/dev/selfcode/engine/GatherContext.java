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
import dev.selfcode.code.Snippet;
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
        List<Chunk> snippets = snippets(request.repo(), request.description(), tree.filePath()).stream()
                .map(Snippet::chunk).toList();
        return new Context(snippets, notes(request.repo(), request.description(), patchId));
    }

    /** The related snippets of an indexed repository, with their scores (what {@code selfcode context} shows too). */
    List<Snippet> snippets(String repo, String description, String filePath) {
        return codeIndex.scoredSnippets(repo, description + " " + filePath, Optional.empty(), SNIPPETS);
    }

    /** Notes from earlier attempts, similar requests and what was learned about the repository. */
    List<String> notes(String repo, String description, long patchId) {
        List<String> notes = new ArrayList<>();
        for (PatchAttempt past : history.newest(repo, PAST_ATTEMPTS)) {
            if (past.id != patchId && past.reasons != null && PatchAttempt.REVERT.equals(past.decision)) {
                notes.add("An earlier attempt \"" + past.description + "\" was reverted: " + past.reasons);
            }
        }
        for (GptMemory.Match m : memory.similar(repo, description, SIMILAR_REQUESTS)) {
            if (m.interaction().outcome != null) {
                notes.add("A similar earlier request was " + m.interaction().outcome.toLowerCase(Locale.ROOT)
                        + " (patch " + m.interaction().patchId + ").");
            }
        }
        // What was learned about the repository (a repository has few notes: the closest ones, however close).
        for (MemoryStore.Found f : memoryStore.search(repo, null, description, LEARNED_NOTES)) {
            notes.add("Learned about this repository (" + f.note().key() + ", v" + f.note().version() + "): "
                    + f.note().text());
        }
        return notes;
    }
}
