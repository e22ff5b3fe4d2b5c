package dev.selfcode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** A bare git repository on disk that the fake GitHub hosts: reads files, moves refs, writes commits. */
final class HostedGit implements AutoCloseable {

    /** One entry of a tree: a file or a directory. */
    record Entry(String path, String name, boolean directory, String sha, long size) {
    }

    private final Repository repository;

    private static final PersonIdent FAKE = new PersonIdent("Fake GitHub", "noreply@fake.github.test");

    private HostedGit(Repository repository) {
        this.repository = repository;
    }

    static HostedGit createBare(Path dir, String defaultBranch) {
        try {
            Repository repo = FileRepositoryBuilder.create(dir.toFile());
            repo.create(true);
            // Clients check out what HEAD names, so it must name the default branch.
            repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + defaultBranch);
            return new HostedGit(repo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bare repository " + dir, e);
        }
    }

    Repository repository() {
        return repository;
    }

    /** Commits every file under {@code dir} (skipping any .git folder) as the first commit of {@code branch}. */
    String importDirectory(Path dir, String branch, String message) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(file).toString().replace('\\', '/');
                if (!rel.equals(".git") && !rel.startsWith(".git/")) {
                    files.put(rel, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return commitFiles(branch, null, files, message);
    }

    /**
     * Writes a commit on {@code branch} that sets the given files (a null content deletes one). A new branch starts
     * at {@code startBranch} (or as an orphan when that is null or absent too).
     */
    synchronized String commitFiles(String branch, String startBranch, Map<String, byte[]> files, String message) {
        return commitFiles(branch, startBranch, files, message, FAKE);
    }

    /** As {@link #commitFiles(String, String, Map, String)}, authored and committed by {@code who}. */
    synchronized String commitFiles(String branch, String startBranch, Map<String, byte[]> files, String message,
            PersonIdent who) {
        try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = repository.newObjectReader()) {
            ObjectId old = repository.resolve(Constants.R_HEADS + branch);
            ObjectId parent = old != null || startBranch == null ? old : repository.resolve(Constants.R_HEADS + startBranch);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            if (parent != null) {
                try (RevWalk walk = new RevWalk(reader)) {
                    builder.addTree(new byte[0], 0, reader, walk.parseCommit(parent).getTree());
                }
            }
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (file.getValue() == null) {
                    editor.add(new DirCacheEditor.DeletePath(file.getKey()));
                    continue;
                }
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue());
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {

                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            ObjectId commit = insertCommit(inserter, who, tree, message,
                    parent == null ? new ObjectId[0] : new ObjectId[]{parent});
            setRef(Constants.R_HEADS + branch, commit, old, true);
            return commit.name();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit to " + branch, e);
        }
    }

    ObjectId insertCommit(ObjectInserter inserter, ObjectId tree, String message, ObjectId... parents) throws IOException {
        return insertCommit(inserter, FAKE, tree, message, parents);
    }

    private ObjectId insertCommit(ObjectInserter inserter, PersonIdent who, ObjectId tree, String message,
            ObjectId... parents) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id;
    }

    /** Resolves a full ref, a branch name, a tag name or a (full) commit SHA; null when unknown. */
    ObjectId resolve(String refOrSha) {
        if (refOrSha == null || refOrSha.isBlank()) {
            return null;
        }
        try {
            for (String candidate : List.of(refOrSha, Constants.R_HEADS + refOrSha, Constants.R_TAGS + refOrSha)) {
                Ref ref = repository.exactRef(candidate);
                if (ref != null && ref.getObjectId() != null) {
                    return ref.getObjectId();
                }
            }
            if (ObjectId.isId(refOrSha)) {
                ObjectId id = ObjectId.fromString(refOrSha);
                return repository.getObjectDatabase().has(id) ? id : null;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commits reachable from {@code head} but not from {@code base}, oldest first (a pull request's commits). */
    List<RevCommit> commitsBetween(ObjectId base, ObjectId head) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            if (base != null) {
                walk.markUninteresting(walk.parseCommit(base));
            }
            walk.sort(RevSort.REVERSE);
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                walk.parseBody(c);
                commits.add(c);
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RevCommit commit(ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        } catch (IOException e) {
            return null;
        }
    }

    /** Full refs (refs/heads/x) starting with {@code prefix}, sorted, with their object ids. */
    Map<String, String> refs(String prefix) {
        try {
            Map<String, String> refs = new TreeMap<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
                if (ref.getObjectId() != null) {
                    refs.put(ref.getName(), ref.getObjectId().name());
                }
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves (or creates, or with a null id deletes) a ref; returns false when {@code expectedOld} no longer holds. */
    synchronized boolean setRef(String fullRef, ObjectId newId, ObjectId expectedOld, boolean force) {
        try {
            RefUpdate update = repository.updateRef(fullRef);
            update.setExpectedOldObjectId(expectedOld == null ? ObjectId.zeroId() : expectedOld);
            update.setForceUpdate(force);
            RefUpdate.Result result;
            if (newId == null) {
                update.setForceUpdate(true);
                result = update.delete();
            } else {
                update.setNewObjectId(newId);
                result = update.update();
            }
            return switch (result) {
                case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> true;
                default -> false;
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + fullRef, e);
        }
    }

    boolean isAncestor(ObjectId ancestor, ObjectId of) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes of {@code path} at commit {@code commitId}, or null when there is no such file. */
    byte[] readFile(ObjectId commitId, String path) {
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commitId).getTree())) {
            if (tree == null || tree.isSubtree()) {
                return null;
            }
            return repository.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Entries of the directory {@code path} ("" for the root) at a commit, or null when it is not a directory. */
    List<Entry> listDirectory(ObjectId commitId, String path) {
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            TreeWalk tree;
            if (path.isEmpty()) {
                tree = new TreeWalk(reader);
                tree.addTree(walk.parseCommit(commitId).getTree());
            } else {
                TreeWalk dir = TreeWalk.forPath(repository, path, walk.parseCommit(commitId).getTree());
                if (dir == null || !dir.isSubtree()) {
                    return null;
                }
                tree = new TreeWalk(reader);
                tree.addTree(dir.getObjectId(0));
                dir.close();
            }
            List<Entry> entries = new ArrayList<>();
            while (tree.next()) {
                boolean directory = tree.isSubtree();
                ObjectId id = tree.getObjectId(0);
                long size = directory ? 0 : reader.getObjectSize(id, Constants.OBJ_BLOB);
                String name = tree.getNameString();
                entries.add(new Entry(path.isEmpty() ? name : path + "/" + name, name, directory, id.name(), size));
            }
            tree.close();
            return entries;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
