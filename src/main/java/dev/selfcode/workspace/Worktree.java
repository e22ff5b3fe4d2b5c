package dev.selfcode.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
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
