package dev.selfcode.engine;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.ChunkSpan;
import dev.selfcode.code.Chunker;
import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.config.Threshold;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.safety.SafetyMonitor;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.Workspaces;
import dev.selfcode.workspace.Worktree;

/**
 * The checkout stage: opens the worktree at the base on the job's branch, reads the repo config once, picks the
 * target file when none was named, checks that Selfcode may write it, resolves the threshold and finds the chunk
 * to insert after (or, to rewrite a chunk, exactly where it lies). Everything later stages know about the repository
 * comes from its {@link CheckedOut}.
 */
@ApplicationScoped
class CheckOut {

    @Inject
    SelfcodeConfig config;
    @Inject
    Workspaces workspaces;
    @Inject
    PickTargetFile picker;
    @Inject
    LearnedSetup learnedSetup;

    /**
     * What checkout found; the worktree is the caller's to close.
     *
     * @param filePath   the file the helper goes into (named or picked)
     * @param original   its content at the base
     * @param afterChunk the chunk to insert after, empty to append
     * @param replaced   in {@link PatchRequest.Mode#REPLACE_CHUNK}, exactly where the chunk to rewrite lies
     */
    record CheckedOut(Worktree worktree, RepoConfig config, String filePath, Language language,
            Threshold threshold, String original, Optional<Chunk> afterChunk, Optional<ChunkSpan> replaced) {

        /** A checkout for appending a helper. */
        CheckedOut(Worktree worktree, RepoConfig config, String filePath, Language language, Threshold threshold,
                String original, Optional<Chunk> afterChunk) {
            this(worktree, config, filePath, language, threshold, original, afterChunk, Optional.empty());
        }

        String summary() {
            return "base " + worktree.baseSha().substring(0, 8) + ", branch " + worktree.branch()
                    + (config.inferred() ? ", no " + RepoConfig.PATH + " (inferred defaults)" : "");
        }
    }

    CheckedOut run(PatchRequest r, long patchId) throws IOException {
        if (r.targetFile().isPresent()) {
            language(r.targetFile().get());
        }
        // A queued job keeps its branch across retries and restarts, so a re-run never opens a second PR.
        String branch = r.branch().orElseGet(() -> Workspaces.branchName(r.jobId().orElse(patchId), r.description()));
        Worktree tree;
        try {
            tree = workspaces.open(r.remote(), r.baseRef(), branch, r.targetFile().orElse(null));
        } catch (Workspaces.SourceException e) {
            throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
        }
        try {
            return inside(tree, r);
        } catch (IOException | RuntimeException e) {
            tree.close();
            throw e;
        }
    }

    /** A worktree of a commit and its repo config, for measuring that commit alone; the caller closes it. */
    record Base(Worktree worktree, RepoConfig config) {
    }

    /** Opens {@code ref} (default HEAD) of {@code remote} on {@code branch} and reads its config, as {@link #run} does. */
    Base base(GitRemote remote, Optional<String> ref, String branch) throws IOException {
        Worktree tree;
        try {
            tree = workspaces.open(remote, ref, branch, null);
        } catch (Workspaces.SourceException e) {
            throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
        }
        try {
            return new Base(tree, repoConfig(tree));
        } catch (RuntimeException e) {
            tree.close();
            throw e;
        }
    }

    private RepoConfig repoConfig(Worktree tree) {
        try {
            return new RepoConfigReader(config.sandbox()).read(tree.dir());
        } catch (RepoConfigException e) {
            throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
        }
    }

    private CheckedOut inside(Worktree tree, PatchRequest r) throws IOException {
        RepoConfig repoConfig = learnedSetup.apply(r.repo(), repoConfig(tree));
        String file = r.targetFile().isPresent()
                ? r.targetFile().get()
                : picker.pick(r.repo(), tree, repoConfig, r.description());
        Language language = language(file);
        if (!SafetyMonitor.writable(repoConfig, file)) {
            throw new StageFailure(FailureKind.BAD_INPUT, "the repo config does not let Selfcode write "
                    + file + " (paths: " + repoConfig.paths() + ")");
        }
        Threshold threshold = r.threshold().or(repoConfig::threshold).orElse(config.threshold());
        String original = tree.read(file);
        Optional<Chunk> after = Optional.empty();
        if (r.afterChunk().isPresent()) {
            after = Optional.of(chunk(file, language, original, r.afterChunk().get()));
        }
        if (r.mode() == PatchRequest.Mode.REPLACE_CHUNK) {
            Chunk chunk = after.orElseThrow();
            ChunkSpan span = ChunkSpan.of(language, original, chunk).orElseThrow(() -> new StageFailure(
                    FailureKind.BAD_INPUT, "could not find where '" + chunk.symbol() + "' ends in " + file));
            return new CheckedOut(tree, repoConfig, file, language, threshold, original, Optional.empty(),
                    Optional.of(span));
        }
        return new CheckedOut(tree, repoConfig, file, language, threshold, original, after);
    }

    private static Language language(String file) {
        return Language.of(file).orElseThrow(() -> new StageFailure(FailureKind.BAD_INPUT,
                "unsupported file type: " + file + " (Python, Java and JavaScript files are supported)"));
    }

    static Chunk chunk(String file, Language language, String content, String name) {
        List<Chunk> chunks = Chunker.chunk(file, language, content);
        return chunks.stream().filter(c -> name.equals(c.symbol())).findFirst()
                .orElseThrow(() -> new StageFailure(FailureKind.BAD_INPUT, "no chunk named '" + name + "' in " + file
                        + "; chunks: " + String.join(", ", chunks.stream().map(Chunk::symbol).filter(Objects::nonNull)
                                .toList())));
    }
}
