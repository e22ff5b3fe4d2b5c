package dev.selfcode.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The host side of one sandbox run, in a private temp directory: {@code workspace/} (a copy of the
 * repository without {@code .git}, mounted read-write), {@code steps/} (the step commands, mounted
 * read-only), {@code ctl/} (exit codes, logs, usage and the sealed reports the runner writes) and {@code out/}
 * ({@code $SELFCODE_OUT}, where the runner puts its report channels). Steps run as an unprivileged user: the
 * workspace is world-writable for them, {@code ctl/} is closed to them (only the runner, root in the container,
 * reaches it) and {@code out/} is read-only to them. The temp directory itself is private to the host user.
 */
final class RunDirectory implements AutoCloseable {

    /** A repository larger than this is not copied into a sandbox. */
    static final long MAX_COPY_BYTES = 2L << 30;

    private static final Set<PosixFilePermission> OPEN_DIR = PosixFilePermissions.fromString("rwxrwxrwx");
    private static final Set<PosixFilePermission> RUNNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READ_ONLY_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    final Path root;
    final Path workspace;
    final Path steps;
    final Path ctl;
    final Path out;

    private RunDirectory(Path root) throws IOException {
        this.root = root;
        this.workspace = openDir(root.resolve("workspace"));
        this.steps = dir(root.resolve("steps"), READ_ONLY_DIR);
        this.ctl = dir(root.resolve("ctl"), RUNNER_ONLY);
        this.out = dir(root.resolve("out"), READ_ONLY_DIR);
    }

    /** A fresh run directory holding a copy of {@code repoDir} (minus {@code .git}). */
    static RunDirectory copyOf(Path repoDir) throws IOException {
        if (!Files.isDirectory(repoDir)) {
            throw new IOException("not a directory: " + repoDir);
        }
        RunDirectory run = new RunDirectory(Files.createTempDirectory("selfcode-sandbox-"));
        try {
            run.copyRepository(repoDir.toRealPath());
            return run;
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** Writes a step's command line; the runner executes it with {@code sh}. */
    void writeStep(String name, String command) throws IOException {
        Path file = steps.resolve(name + ".sh");
        Files.writeString(file, command + "\n");
        Files.setPosixFilePermissions(file, READABLE_FILE);
    }

    /**
     * Empties {@code ctl/} for another run of the runner in this directory (the re-run of failing tests): no exit
     * code, log or sealed report of the first run may be read as the second's.
     *
     * @throws IOException when something of the first run is left
     */
    void clearControl() throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(ctl)) {
            entries.forEach(DepsCache::discard);
        }
        try (java.util.stream.Stream<Path> left = Files.list(ctl)) {
            if (left.findAny().isPresent()) {
                throw new IOException("cannot empty the run's control folder " + ctl);
            }
        }
    }

    /** The whole content of a small control file the runner wrote, trimmed, or empty. */
    Optional<String> control(String name) {
        return SafeFiles.head(root, ctl.resolve(name), 4096)
                .map(b -> SafeFiles.text(b, Math.min(b.length, 4096)).strip());
    }

    /** The tail of a step's output (the runner already kept only the last bytes; this re-checks). */
    Optional<String> stepLog(String step, int limit) {
        return SafeFiles.tail(root, ctl.resolve(step + ".log"), limit);
    }

    /** Why the runner could not run the steps at all (an image without the tools it needs), or empty. */
    Optional<String> runnerError() {
        return control("runner.error");
    }

    /**
     * The first non-empty document the runner's collector read from the report channel {@code name} (at most
     * {@code max + 1} bytes), or empty when none was written.
     */
    Optional<byte[]> sealedReport(String name, int max) {
        return SafeFiles.head(root, ctl.resolve("report." + name), max);
    }

    /** How many documents were written to the report channel {@code name}; more than one means tampering. */
    int reportWrites(String name) {
        return control("report." + name + ".writes").flatMap(RunDirectory::parseInt)
                .orElse(Files.exists(ctl.resolve("report." + name), LinkOption.NOFOLLOW_LINKS) ? 1 : 0);
    }

    /** The first bytes of the test step's output, kept by the runner however long the output is. */
    String testOutputHead() {
        return SafeFiles.head(root, ctl.resolve("test.head"), 64 * 1024)
                .map(b -> SafeFiles.text(b, Math.min(b.length, 64 * 1024))).orElse("");
    }

    /** An integer control value such as an exit code, or empty when absent or not a number. */
    Optional<Integer> exitCode(String step) {
        return control(step + ".exit").flatMap(RunDirectory::parseInt);
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void copyRepository(Path source) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && dir.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path target = workspace.resolve(source.relativize(dir).toString());
                if (!target.equals(workspace)) {
                    openDir(target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = workspace.resolve(source.relativize(file).toString());
                if (file.getFileName().toString().equals(".git")) {
                    return FileVisitResult.CONTINUE; // a submodule's or worktree's pointer to its git dir
                }
                if (attrs.isSymbolicLink()) {
                    // Copied as a link, never followed: inside the container it resolves against the container.
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    bytes[0] += attrs.size();
                    if (bytes[0] > MAX_COPY_BYTES) {
                        throw new IOException("the repository is larger than " + (MAX_COPY_BYTES >> 20) + " MiB");
                    }
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    boolean executable = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                            .contains(PosixFilePermission.OWNER_EXECUTE);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            executable ? "rwxrwxrwx" : "rw-rw-rw-"));
                }
                // FIFOs, sockets and devices are left out.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A new directory with exactly these permissions, whatever the umask. */
    private static Path dir(Path dir, Set<PosixFilePermission> permissions) throws IOException {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, permissions);
        return dir;
    }

    private static Path openDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, OPEN_DIR);
        return dir;
    }

    /** Deletes the run directory; what the container left behind is owned by its user, hence best effort. */
    @Override
    public void close() {
        DepsCache.discard(root);
    }
}
