package dev.selfcode.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a dependency phase's result depends on: the manifests and lockfiles of every supported ecosystem (up to
 * {@value #DEPTH} folders deep), the phase's command, the image, and the registries. Equal hashes mean the cached
 * result can be reused without running anything.
 */
final class DepsManifest {

    static final int DEPTH = 8;
    private static final Set<String> NAMES = Set.of("package.json", "package-lock.json", "npm-shrinkwrap.json",
            "yarn.lock", "pnpm-lock.yaml", ".npmrc", "pom.xml", "extensions.xml", "maven.config", "pyproject.toml",
            "setup.py", "setup.cfg");
    private static final Pattern REQUIREMENTS = Pattern.compile("(requirements|constraints).*\\.txt");
    /** Folders that hold installed or built things, never manifests of their own. */
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "build", ".venv", "venv",
            "__pycache__", ".tox");

    private DepsManifest() {
    }

    /** The manifest files under {@code repoDir}, relative and sorted. */
    static List<String> files(Path repoDir) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(repoDir, Set.of(), DEPTH, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(repoDir) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && (NAMES.contains(name) || REQUIREMENTS.matcher(name).matches())) {
                    found.add(repoDir.relativize(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    /** The hash of the manifests' paths and contents plus everything else named in {@code extra}. */
    static String hash(Path repoDir, List<String> extra) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(md, "deps-v1");
        for (String part : extra) {
            update(md, part);
        }
        for (String file : files(repoDir)) {
            update(md, file);
            md.update(Files.readAllBytes(repoDir.resolve(file)));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }
}
