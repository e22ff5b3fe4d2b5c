package dev.selfcode.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The two file locks of the database folder. The operating system drops a process's locks when it dies, so a
 * crashed client never keeps the server alive and a crashed keeper never blocks the next start.
 * <p>
 * One channel per lock file per JVM: on Linux, closing any channel on a file drops every lock this process holds
 * on it, and a JVM may not hold two overlapping locks, so threads share the channel and a lease count.
 */
final class FolderLocks {

    private static final Map<Path, FileChannel> CHANNELS = new HashMap<>();
    private static final Map<Path, Lease> LEASES = new HashMap<>();
    private static final Map<Path, Object> MONITORS = new HashMap<>();

    private FolderLocks() {
    }

    /** Something done while holding the control lock. */
    interface Locked<T> {

        T run() throws IOException;
    }

    /** Runs {@code action} holding the folder's control lock, waiting for other processes to let go of it. */
    static <T> T underControl(DatabaseFolder folder, Locked<T> action) throws IOException {
        Path file = folder.controlLock();
        synchronized (monitor(file)) {
            try (FileLock lock = channel(file).lock()) {
                return action.run();
            }
        }
    }

    /** Takes this process's client lease (a shared lock); counted, so it may be taken more than once. */
    static void takeLease(DatabaseFolder folder) throws IOException {
        Path file = folder.clientsLock();
        synchronized (FolderLocks.class) {
            Lease lease = LEASES.get(file);
            if (lease == null) {
                lease = new Lease(channel(file).lock(0, Long.MAX_VALUE, true));
                LEASES.put(file, lease);
            }
            lease.count++;
        }
    }

    /** Gives back one lease; the lock goes when the last one does (or when the process ends). */
    static void dropLease(DatabaseFolder folder) throws IOException {
        Path file = folder.clientsLock();
        synchronized (FolderLocks.class) {
            Lease lease = LEASES.get(file);
            if (lease != null && --lease.count == 0) {
                LEASES.remove(file);
                lease.lock.release();
            }
        }
    }

    /**
     * True when no process holds a client lease. Only the keeper asks, under the control lock, so nobody can take
     * a lease between the answer and what the keeper does with it.
     */
    static boolean noClients(DatabaseFolder folder) throws IOException {
        FileLock probe = channel(folder.clientsLock()).tryLock();
        if (probe == null) {
            return false;
        }
        probe.release();
        return true;
    }

    private static synchronized FileChannel channel(Path file) throws IOException {
        FileChannel channel = CHANNELS.get(file);
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            CHANNELS.put(file, channel);
        }
        return channel;
    }

    private static synchronized Object monitor(Path file) {
        return MONITORS.computeIfAbsent(file, k -> new Object());
    }

    private static final class Lease {

        final FileLock lock;
        int count;

        Lease(FileLock lock) {
            this.lock = lock;
        }
    }
}
