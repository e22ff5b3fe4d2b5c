package dev.selfcode.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.CodeIndex;
import dev.selfcode.code.ContentHash;
import dev.selfcode.code.Language;
import dev.selfcode.code.Snippet;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.PromptPlanner;
import dev.selfcode.llm.PromptPlanner.PromptPlan;

/**
 * What the model would see for a request on a local repository, computed the way a patch computes it (the same
 * snippets, notes and prompt) but without calling any model or sandbox: {@code selfcode context}.
 */
@ApplicationScoped
public class ContextPreview {

    /**
     * The preview.
     *
     * @param filePath  the target file, relative to the repository
     * @param picked    whether the file was picked from the description (no {@code --file})
     * @param indexedAs the commit (or, for a working tree with changes, a digest of them) the index is labelled with
     * @param snippets  the related snippets the prompt carries, best first, with their scores
     * @param notes     the notes the prompt carries
     * @param plan      how the file appears, the chunk summaries, the prompt and its tokens
     * @param fileLines lines in the target file (a helper without {@code --after} goes after the last)
     * @param indexed   what indexing the tree did: chunks stored and embedded now (both 0 when it was up to date)
     * @param after     the definition {@code --after} names, found as a patch finds it (the helper goes below it)
     */
    public record Preview(String filePath, boolean picked, String indexedAs, List<Snippet> snippets, List<String> notes,
            PromptPlan plan, long fileLines, CodeIndex.IndexRun indexed, Optional<Chunk> after) {
    }

    @Inject
    CodeIndex codeIndex;
    @Inject
    GatherContext gather;
    @Inject
    PromptPlanner planner;
    @Inject
    SelfcodeConfig config;

    /**
     * @param file  the target file relative to {@code dir}; empty to pick one as a patch would
     * @param after the definition a helper should follow ({@code --after}), if any
     * @throws StageFailure BAD_INPUT for a file outside the repository, missing, or of an unsupported type, and for a
     *                      repository configuration that does not parse
     */
    @ActivateRequestContext
    public Preview preview(String repo, Path dir, Optional<String> file, String description, Optional<String> after)
            throws IOException {
        RepoConfig repoConfig = repoConfig(dir);
        String label = label(dir);
        CodeIndex.IndexRun indexed = codeIndex.index(repo, label, dir);
        String filePath = file.isPresent() ? checked(dir, file.get()) : pick(repo, dir, repoConfig, description);
        Language language = Language.of(filePath).orElseThrow();
        String content = Files.readString(dir.resolve(filePath), StandardCharsets.UTF_8);
        // An unknown name is the same bad input it would be for a patch.
        Optional<Chunk> afterChunk = after.map(name -> CheckOut.chunk(filePath, language, content, name));
        List<Snippet> snippets = gather.snippets(repo, description, filePath);
        List<String> notes = gather.notes(repo, description, -1);
        GatherContext.Context context = new GatherContext.Context(snippets.stream().map(Snippet::chunk).toList(), notes);
        PromptPlan plan = planner.plan(GenerateHelper.prompt(repo, description, filePath, language, content, context,
                after));
        return new Preview(filePath, file.isEmpty(), label, snippets, notes, plan, content.lines().count(), indexed,
                afterChunk);
    }

    /**
     * The repository's config, for the paths Selfcode may write; null when the repository has no config file and none
     * can be inferred (no tests found: a patch would stop there, but what the model would see can still be shown).
     */
    private RepoConfig repoConfig(Path dir) {
        try {
            return new RepoConfigReader(config.sandbox()).read(dir);
        } catch (RepoConfigException e) {
            if (Files.exists(dir.resolve(RepoConfig.PATH))) {
                throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
            }
            return null;
        }
    }

    private static String checked(Path dir, String file) {
        Path target = dir.resolve(file).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            throw new StageFailure(FailureKind.BAD_INPUT, "--file " + file + " is outside the repository " + dir);
        }
        if (!Files.isRegularFile(target)) {
            throw new StageFailure(FailureKind.BAD_INPUT, "--file " + file + " does not exist in " + dir);
        }
        String rel = dir.relativize(target).toString().replace('\\', '/');
        if (Language.of(rel).isEmpty()) {
            throw new StageFailure(FailureKind.BAD_INPUT, "--file " + file + " is not Python, Java or JavaScript");
        }
        return rel;
    }

    private String pick(String repo, Path dir, RepoConfig repoConfig, String description) throws IOException {
        for (Snippet s : codeIndex.scoredSnippets(repo, description, Optional.empty(), 50)) {
            if (PickTargetFile.candidate(s.chunk().path(), repoConfig)) {
                return s.chunk().path();
            }
        }
        return PickTargetFile.firstSourceFile(dir, repoConfig).orElseThrow(() -> new StageFailure(
                FailureKind.BAD_INPUT, "no source file Selfcode may write was found in " + dir + "; name one with --file"));
    }

    /**
     * The label the index of {@code dir} is stored under: HEAD's commit for a clean git checkout (so a later patch
     * reuses the index), else a digest of HEAD and every changed file's content (so a changed tree is never filed
     * under the commit it differs from).
     */
    static String label(Path dir) throws IOException {
        String head = "";
        TreeSet<String> changed = new TreeSet<>();
        if (Files.isDirectory(dir.resolve(".git"))) {
            try (Git git = Git.open(dir.toFile())) {
                ObjectId id = git.getRepository().resolve("HEAD");
                head = id == null ? "" : id.name();
                Status status = git.status().call();
                if (id != null && status.isClean()) {
                    return head;
                }
                changed.addAll(status.getUncommittedChanges());
                changed.addAll(status.getUntracked());
            } catch (GitAPIException e) {
                throw new IOException("could not read the git status of " + dir + ": " + e.getMessage(), e);
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            for (String path : changed) {
                Path f = dir.resolve(path);
                String hash = Files.isRegularFile(f)
                        ? ContentHash.sha256(Files.readString(f, StandardCharsets.ISO_8859_1))
                        : "gone";
                digest.update((path + "\0" + hash + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (head.isEmpty()) {
                digest.update(dir.toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8));
            }
            return "tree-" + HexFormat.of().formatHex(digest.digest()).substring(0, 35);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
