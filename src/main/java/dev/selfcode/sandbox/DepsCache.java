package dev.selfcode.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Installed dependencies by repository and manifest hash: {@code <root>/<repo>/<hash>/} holding
 * {@code node_modules/}, {@code m2/} and/or {@code python/}. An entry appears in one atomic rename of a fully
 * written staging folder, so a reader sees all of it or nothing; a lock (in this JVM and on the file system,
 * for other processes) makes a second evaluation with the same key wait for the first instead of installing
 * the same things again.
 */
final class DepsCache {

    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    DepsCache(Path root) {
        this.root = root;
    }

    /** The published entry, when there is one. */
    Optional<Path> find(String repo, String hash) {
        Path entry = root.resolve(repo).resolve(hash);
        return Files.isDirectory(entry) ? Optional.of(entry) : Optional.empty();
    }

    /** An empty staging folder the phase's container (another user) may write into. */
    Path stage(String repo) throws IOException {
        Path dir = root.resolve(repo).resolve(".stage-" + UUID.randomUUID());
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** Publishes {@code stage} as the entry; when another evaluation published it first, keeps theirs. */
    Path publish(Path stage, String repo, String hash) throws IOException {
        Path entry = root.resolve(repo).resolve(hash);
        try {
            Files.move(stage, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            discard(stage);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the dependency cache " + root + " cannot rename atomically", e);
        }
        return entry;
    }

    /**
     * Removes a folder a container wrote into (a staging folder, a run directory), best effort: the runner hands what
     * it wrote back to the host user, and the OS's temp cleaning takes whatever is left; nothing in it is secret.
     */
    static void discard(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort, see above
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }

    /** Holds the key's lock until closed. */
    Lock lock(String repo, String hash) throws IOException {
        ReentrantLock local = LOCKS.computeIfAbsent(repo + "/" + hash, k -> new ReentrantLock());
        local.lock();
        try {
            Path file = root.resolve(repo).resolve(hash + ".lock");
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Lock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    /** A held cache lock. */
    record Lock(ReentrantLock local, FileChannel channel, FileLock file) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            try {
                file.release();
                channel.close();
            } finally {
                local.unlock();
            }
        }
    }
}
