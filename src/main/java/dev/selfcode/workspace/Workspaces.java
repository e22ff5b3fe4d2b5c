package dev.selfcode.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import dev.selfcode.code.ContentHash;
import dev.selfcode.config.SelfcodeConfig;

/**
 * Opens private worktrees: validates the source repository, keeps a cached bare mirror of remote ones,
 * and clones the base commit onto a fresh {@code selfcode/<id>-<slug>} branch.
 */
@ApplicationScoped
public class Workspaces {

    private final Path root;

    @Inject
    public Workspaces(SelfcodeConfig config) {
        this(config.dataDir());
    }

    public Workspaces(Path dataDir) {
        this.root = dataDir.toAbsolutePath();
    }

    /** A request's source could not be used; the message says why, for the user. */
    public static class SourceException extends Exception {

        public SourceException(String message) {
            super(message);
        }
    }

    /**
     * Checks out {@code baseRef} (default HEAD) of {@code remote} into a new worktree on {@code branch}.
     * A local source must be a clean git repository and must contain {@code filePath} at the base; a null
     * {@code filePath} checks out the base without requiring any file (e.g. to choose one).
     */
    public Worktree open(GitRemote remote, Optional<String> baseRef, String branch, String filePath)
            throws SourceException, IOException {
        String source;
        String baseSha;
        if (remote.localDir().isPresent()) {
            Path dir = remote.localDir().get().toAbsolutePath().normalize();
            baseSha = validateLocal(dir, baseRef, filePath);
            source = dir.toUri().toString();
        } else {
            Path mirror = mirror(remote);
            source = mirror.toUri().toString();
            try (Repository repo = new FileRepositoryBuilder().setGitDir(mirror.toFile()).build()) {
                baseSha = resolve(repo, baseRef.orElse("HEAD"));
                if (filePath != null) {
                    requireFile(repo, baseSha, filePath);
                }
            }
        }
        Files.createDirectories(root.resolve("worktrees"));
        Path dir = Files.createTempDirectory(root.resolve("worktrees"), "wt-");
        try {
            Git git = Git.cloneRepository().setURI(source).setDirectory(dir.toFile()).setNoCheckout(true).call();
            git.checkout().setCreateBranch(true).setName(branch).setStartPoint(baseSha).call();
            return new Worktree(git, dir, baseSha, branch);
        } catch (GitAPIException e) {
            throw new IOException("could not check out " + baseSha + ": " + e.getMessage(), e);
        }
    }

    private String validateLocal(Path dir, Optional<String> baseRef, String filePath) throws SourceException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new SourceException("not a directory: " + dir);
        }
        if (!Files.exists(dir.resolve(".git"))) {
            throw new SourceException("not a git repository (no .git): " + dir);
        }
        if (filePath != null) {
            requireInside(dir, filePath);
        }
        try (Git git = Git.open(dir.toFile())) {
            Repository repo = git.getRepository();
            String sha = resolve(repo, baseRef.orElse("HEAD"));
            Status status = git.status().call();
            if (status.hasUncommittedChanges()) {
                Set<String> dirty = new TreeSet<>(status.getUncommittedChanges());
                throw new SourceException("the repository has uncommitted changes; commit or stash them first: "
                        + String.join(", ", dirty.stream().limit(5).toList()) + (dirty.size() > 5 ? ", ..." : ""));
            }
            if (filePath != null) {
                requireFile(repo, sha, filePath);
            }
            return sha;
        } catch (GitAPIException e) {
            throw new IOException("git status failed: " + e.getMessage(), e);
        }
    }

    /** Refuses absolute paths, {@code ..} escapes and the .git folder, before anything touches the disk. */
    static void requireInside(Path dir, String filePath) throws SourceException {
        Path p = dir.resolve(filePath).normalize();
        if (Path.of(filePath).isAbsolute() || !p.startsWith(dir) || p.equals(dir)
                || p.startsWith(dir.resolve(".git"))) {
            throw new SourceException("the file must be inside the repository: " + filePath);
        }
    }

    private static String resolve(Repository repo, String ref) throws SourceException, IOException {
        ObjectId id = repo.resolve(ref + "^{commit}");
        if (id == null) {
            throw new SourceException("cannot resolve '" + ref + "' to a commit (is the repository empty?)");
        }
        return id.getName();
    }

    private static void requireFile(Repository repo, String sha, String filePath) throws SourceException, IOException {
        String path = Path.of(filePath).normalize().toString().replace('\\', '/');
        try (RevWalk walk = new RevWalk(repo);
                TreeWalk tw = TreeWalk.forPath(repo, path, walk.parseCommit(ObjectId.fromString(sha)).getTree())) {
            if (tw == null) {
                throw new SourceException("no such file at " + sha.substring(0, 8) + ": " + filePath);
            }
        }
    }

    /** Fetches a remote into a cached bare mirror under the data folder and returns its path. */
    Path mirror(GitRemote remote) throws IOException {
        Path mirror = root.resolve("mirrors").resolve(ContentHash.sha256(remote.url()).substring(0, 24) + ".git");
        try {
            if (Files.isDirectory(mirror)) {
                try (Git git = Git.open(mirror.toFile())) {
                    var fetch = git.fetch().setRemote("origin").setRemoveDeletedRefs(true);
                    remote.credentials().get().ifPresent(fetch::setCredentialsProvider);
                    fetch.call();
                }
            } else {
                Files.createDirectories(mirror.getParent());
                var clone = Git.cloneRepository().setURI(remote.url()).setDirectory(mirror.toFile()).setBare(true)
                        .setMirror(true);
                remote.credentials().get().ifPresent(clone::setCredentialsProvider);
                clone.call().close();
            }
        } catch (GitAPIException e) {
            throw new IOException("fetching " + remote.url() + " failed: " + e.getMessage(), e);
        }
        return mirror;
    }

    /** {@code selfcode/<id>-<slug>} from a description. */
    public static String branchName(long id, String description) {
        String slug = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return "selfcode/" + id + (slug.isEmpty() ? "" : "-" + slug);
    }
}
