package dev.selfcode.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Free space where the data folder is (or will be): mirrors, worktrees and caches grow there. */
final class CheckDiskSpace implements Check {

    private final Path dataDir;
    private final long minFreeBytes;

    CheckDiskSpace(Path dataDir, long minFreeBytes) {
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public String name() {
        return "disk space";
    }

    @Override
    public CheckResult run() {
        Path dir = dataDir.toAbsolutePath().normalize();
        // before the first run the folder does not exist yet: its nearest parent is where it will be
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return CheckResult.fail(name(), "no part of " + dir + " exists", "set selfcode.data-dir to a writable folder");
        }
        long free;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return CheckResult.fail(name(), "could not read the free space of " + existing + ": " + e.getMessage(),
                    "set selfcode.data-dir to a writable folder");
        }
        String detail = gb(free) + " free in " + dir;
        if (free < minFreeBytes) {
            return CheckResult.fail(name(), detail + " (needs " + gb(minFreeBytes) + ")",
                    "free space there, or set selfcode.data-dir to a larger disk");
        }
        return CheckResult.ok(name(), detail);
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
}
