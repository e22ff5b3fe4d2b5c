package dev.selfcode.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;

/**
 * A private clone at the base commit, on its own branch. The engine edits and measures it; the user's
 * working tree is never touched. Closing it deletes the folder.
 */
public final class Worktree implements AutoCloseable {

    private final Git git;
    private final Path dir;
    private final String baseSha;
    private final String branch;

    Worktree(Git git, Path dir, String baseSha, String branch) {
        this.git = git;
        this.dir = dir;
        this.baseSha = baseSha;
        this.branch = branch;
    }

    public Path dir() {
        return dir;
    }

    public String baseSha() {
        return baseSha;
    }

    public String branch() {
        return branch;
    }

    Git git() {
        return git;
    }

    /** Resolves a repository-relative path, refusing anything that escapes the worktree or enters .git. */
    public Path resolve(String relativePath) {
        Path p = dir.resolve(relativePath).normalize();
        if (!p.startsWith(dir) || p.equals(dir) || p.startsWith(dir.resolve(".git"))) {
            throw new IllegalArgumentException("path is outside the repository: " + relativePath);
        }
        return p;
    }

    public String read(String relativePath) throws IOException {
        return Files.readString(resolve(relativePath), StandardCharsets.UTF_8);
    }

    public void write(String relativePath, String content) throws IOException {
        Files.writeString(resolve(relativePath), content, StandardCharsets.UTF_8);
    }

    /** Unified diff of the working files against the base commit. */
    public String diff() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter fmt = new DiffFormatter(out); RevWalk walk = new RevWalk(git.getRepository())) {
            fmt.setRepository(git.getRepository());
            RevCommit base = walk.parseCommit(ObjectId.fromString(baseSha));
            CanonicalTreeParser baseTree = new CanonicalTreeParser();
            try (var reader = git.getRepository().newObjectReader()) {
                baseTree.reset(reader, base.getTree());
            }
            fmt.format(baseTree, new FileTreeIterator(git.getRepository()));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Commits all changes on the worktree's branch and returns the new commit id. */
    public String commit(String message, PersonIdent author) throws IOException {
        try {
            git.add().addFilepattern(".").call();
            RevCommit c = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IOException("commit failed: " + e.getMessage(), e);
        }
    }

    /**
     * What reverting commits on the worktree's branch did: the new head when every revert applied, else the paths
     * that conflicted (the branch is left at the last revert that applied).
     */
    public record Reverted(List<String> commits, List<String> conflicts) {

        public boolean applied() {
            return conflicts.isEmpty();
        }
    }

    /**
     * Reverts {@code shas}, newest first, one commit each, as {@code git revert} does: for a merge commit the
     * change against its first parent (the {@code -m 1} of a merged pull request) is undone. Stops at the first
     * revert that does not apply cleanly. The working files end up at the last commit made.
     */
    public Reverted revert(List<String> shas, PersonIdent author) throws IOException {
        var repo = git.getRepository();
        List<String> made = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            for (String sha : shas) {
                RevCommit undo = walk.parseCommit(ObjectId.fromString(sha));
                if (undo.getParentCount() == 0) {
                    return new Reverted(made, List.of("(" + sha.substring(0, 8) + " is a root commit)"));
                }
                RevCommit parent = walk.parseCommit(undo.getParent(0));
                RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RESOLVE.newMerger(repo, true);
                merger.setBase(undo.getTree());
                if (!merger.merge(head, parent)) {
                    List<String> conflicts = new ArrayList<>(merger.getUnmergedPaths());
                    if (merger.getFailingPaths() != null) {
                        merger.getFailingPaths().keySet().forEach(conflicts::add);
                    }
                    return new Reverted(made, conflicts.isEmpty() ? List.of("(could not merge)") : conflicts);
                }
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(merger.getResultTreeId());
                commit.setParentId(head);
                commit.setAuthor(author);
                commit.setCommitter(author);
                commit.setMessage("Revert \"" + undo.getShortMessage() + "\"\n\nThis reverts commit " + sha + ".\n");
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(id.getName()).call();
                made.add(id.getName());
            }
        } catch (GitAPIException e) {
            throw new IOException("revert failed: " + e.getMessage(), e);
        }
        return new Reverted(made, List.of());
    }

    /** True when {@code sha} is the base commit or one of its ancestors. */
    public boolean reaches(String sha) throws IOException {
        var repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(sha + "^{commit}");
            return id != null && walk.isMergedInto(walk.parseCommit(id), walk.parseCommit(ObjectId.fromString(baseSha)));
        } catch (MissingObjectException e) {
            return false;
        }
    }

    /** The commits in {@code from..to} (reachable from {@code to}, not from {@code from}), newest first. */
    public List<String> commitsBetween(String from, String to) throws IOException {
        var repo = git.getRepository();
        List<String> shas = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(to)));
            walk.markUninteresting(walk.parseCommit(ObjectId.fromString(from)));
            walk.forEach(c -> shas.add(c.getName()));
        }
        return shas;
    }

    /** A commit as a revert plan needs it. */
    public record Commit(String sha, String message, int parents) {
    }

    /** The first-parent chain from {@code sha}: {@code sha}, its first parent, ..., at most {@code n} commits. */
    public List<Commit> firstParents(String sha, int n) throws IOException {
        var repo = git.getRepository();
        List<Commit> chain = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
            while (c != null && chain.size() < n) {
                chain.add(new Commit(c.getName(), c.getFullMessage(), c.getParentCount()));
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
        }
        return chain;
    }

    @Override
    public void close() {
        git.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
    }
}
