package dev.selfcode.engine;

import java.util.Optional;

import dev.selfcode.config.Threshold;
import dev.selfcode.text.Limits;
import dev.selfcode.workspace.GitRemote;

/**
 * One request to patch a repository: the original engine's {@code apply_patch(path, description, threshold)}.
 *
 * @param repo        repository name used for history and trends ({@code owner/name}, or a local path)
 * @param remote      where to fetch the base from (a local repository, or a GitHub clone URL with a token)
 * @param baseRef     branch or commit to start from; empty for the remote's HEAD
 * @param targetFile  repository-relative path of the file the helper goes into; empty to let checkout pick one
 * @param description what to build
 * @param threshold   per-request threshold, overriding the repo config and the server default
 * @param generator   "llm", "template" or "auto"
 * @param afterChunk  insert after this chunk (a symbol name) instead of appending; with {@link Mode#REPLACE_CHUNK},
 *                    the chunk to replace
 * @param trigger     what asked for it: cli, comment, label, sweep
 * @param jobId       the queue job, when run from the queue
 * @param branch      branch to (re)use, e.g. an open Selfcode PR's; empty for {@code selfcode/<job or patch id>-<slug>}
 * @param mode        append a helper (the default), or replace the named chunk by a rewrite that keeps its signature
 */
public record PatchRequest(String repo, GitRemote remote, Optional<String> baseRef, Optional<String> targetFile,
        String description, Optional<Threshold> threshold, String generator, Optional<String> afterChunk, String trigger,
        Optional<Long> jobId, Optional<String> branch, Mode mode) {

    /** What the generated code does to the file. */
    public enum Mode {
        /** A new helper, appended (or inserted after {@code afterChunk}); the file's code is left as it is. */
        APPEND_HELPER,
        /** The chunk {@code afterChunk} rewritten in place, its signature kept; the rest of the file byte-identical. */
        REPLACE_CHUNK
    }

    /** A request that appends a helper. */
    public PatchRequest(String repo, GitRemote remote, Optional<String> baseRef, Optional<String> targetFile,
            String description, Optional<Threshold> threshold, String generator, Optional<String> afterChunk,
            String trigger, Optional<Long> jobId, Optional<String> branch) {
        this(repo, remote, baseRef, targetFile, description, threshold, generator, afterChunk, trigger, jobId, branch,
                Mode.APPEND_HELPER);
    }

    /** The longest description any front end accepts. */
    public static final int MAX_DESCRIPTION = Limits.DESCRIPTION;

    public PatchRequest {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a description of what to build is required");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("the description is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (targetFile.isPresent() && targetFile.get().isBlank()) {
            throw new IllegalArgumentException("a target file is required");
        }
        if (mode == null) {
            mode = Mode.APPEND_HELPER;
        }
        if (mode == Mode.REPLACE_CHUNK && (afterChunk.isEmpty() || targetFile.isEmpty())) {
            throw new IllegalArgumentException("replacing a chunk needs its file and its name");
        }
        description = description.strip();
    }
}
