package dev.selfcode.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The offline Maven repository that Java sandboxes build from: a readable, filled folder. */
final class CheckMavenRepository implements Check {

    static final String FIX = "fill it: scripts/sandbox-images.sh (or set selfcode.sandbox.maven-repository)";

    private final Optional<Path> repository;

    CheckMavenRepository(Optional<Path> repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return "maven repository";
    }

    @Override
    public CheckResult run() {
        if (repository.isEmpty()) {
            return CheckResult.skip(name(), "not configured: Java builds get their dependencies from the dependency"
                    + " phase only", "set selfcode.sandbox.maven-repository for offline Java builds");
        }
        Path dir = repository.get();
        if (!Files.isDirectory(dir)) {
            return CheckResult.fail(name(), dir + " is not a folder", FIX);
        }
        if (!Files.isReadable(dir)) {
            return CheckResult.fail(name(), dir + " is not readable", FIX);
        }
        long groups;
        try (Stream<Path> entries = Files.list(dir)) {
            groups = entries.filter(Files::isDirectory).count();
        } catch (IOException e) {
            return CheckResult.fail(name(), dir + " could not be listed: " + e.getMessage(), FIX);
        }
        if (groups == 0) {
            return CheckResult.fail(name(), dir + " is empty", FIX);
        }
        return CheckResult.ok(name(), dir.toString());
    }
}
