package dev.selfcode.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files of a repository checkout, by their path relative to its root, for mapping the paths traces and linters
 * print (absolute under {@code /workspace}, relative to where the runner ran, Java package paths) back to files;
 * and which of them are tests. Symlinks are not followed; vendored and generated folders are left out.
 */
final class SourceFiles {

    static final int MAX_FILES = 50_000;
    private static final int MAX_DEPTH = 32;
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "__pycache__", ".venv", "venv",
            ".tox", ".mypy_cache", ".pytest_cache", "target", ".gradle", ".idea");
    /** Build output at the root; elsewhere such a folder may be a package ({@code src/build}). */
    private static final Set<String> SKIPPED_AT_ROOT = Set.of("build", "dist", "coverage");
    private static final Set<String> TEST_DIRS = Set.of("test", "tests", "__tests__", "spec", "specs");
    private static final Pattern TEST_NAME = Pattern.compile(
            "test_.*\\.py|.*_test\\.py|conftest\\.py|.*(?:Test|Tests|IT|TestCase)\\.(?:java|kt)|Test[A-Z]\\w*\\.(?:java|kt)"
                    + "|.*\\.(?:test|spec)\\.[cm]?[jt]sx?|.*_test\\.go");

    private final Map<String, List<String>> byName = new HashMap<>();
    private final Set<String> files = new java.util.HashSet<>();

    private SourceFiles() {
    }

    /** The files under {@code root} (at most {@link #MAX_FILES}). */
    static SourceFiles of(Path root) {
        SourceFiles index = new SourceFiles();
        if (!Files.isDirectory(root)) {
            return index;
        }
        try {
            Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = String.valueOf(d.getFileName());
                    return !d.equals(root) && (SKIPPED_DIRS.contains(name)
                            || SKIPPED_AT_ROOT.contains(name) && root.equals(d.getParent()))
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (index.files.size() >= MAX_FILES) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isRegularFile()) {
                        index.add(root.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what was listed before the failure still maps
        }
        return index;
    }

    private void add(String relative) {
        files.add(relative);
        byName.computeIfAbsent(name(relative), n -> new ArrayList<>()).add(relative);
    }

    /**
     * The repository file a printed path names: {@code /workspace/x} and {@code file:///workspace/x} are the
     * checkout's {@code x}; a relative path is taken from the root, else as the tail of one file's path (the runner
     * ran in a sub-folder, or a Java package path). Other absolute paths (the interpreter's, installed packages) are
     * not the repository's.
     */
    Optional<String> resolve(String printed) {
        String p = printed.strip();
        if (p.startsWith("file://")) {
            p = p.substring("file://".length());
        }
        String workspace = Sandbox.WORKSPACE + "/";
        if (p.startsWith(workspace)) {
            p = p.substring(workspace.length());
        } else if (p.startsWith("/")) {
            return Optional.empty();
        }
        String normal;
        try {
            normal = Path.of(p).normalize().toString().replace('\\', '/');
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (normal.isEmpty() || normal.startsWith("..")) {
            return Optional.empty();
        }
        if (files.contains(normal)) {
            return Optional.of(normal);
        }
        String tail = "/" + normal;
        return byName.getOrDefault(name(normal), List.of()).stream().filter(f -> f.endsWith(tail))
                .min(Comparator.comparingInt(String::length));
    }

    /** Whether a repository path is test code: in a test folder, or named as tests are. */
    static boolean isTest(String relative) {
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (TEST_DIRS.contains(parts[i].toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return TEST_NAME.matcher(parts[parts.length - 1]).matches();
    }

    /**
     * The source file a test file or test suite name is named after ({@code test_x.py} or {@code x_test.py} ->
     * {@code x.py}, {@code FooTest.java} -> {@code Foo.java}, {@code foo.test.js} -> {@code foo.js}, a file in a test
     * folder named as no test is -> the same name outside the tests): among the
     * repository's files of that name outside the tests, the one sharing most folders with the test (a Java
     * package), else the shortest path.
     */
    Optional<String> testedBy(String testPathOrName) {
        String test = testPathOrName.replace('\\', '/');
        String base = name(test);
        List<String> names = new ArrayList<>();
        String stem;
        if ((stem = strip(base, "^test_(.+)\\.py$")) != null || (stem = strip(base, "^(.+)_test\\.py$")) != null) {
            names.add(stem + ".py");
        } else if ((stem = strip(base, "^(.+?)(?:Test|Tests|IT|TestCase)\\.(java|kt)$")) != null) {
            names.add(stem + "." + base.substring(base.lastIndexOf('.') + 1));
        } else if ((stem = strip(base, "^Test([A-Z]\\w*)\\.(?:java|kt)$")) != null) {
            names.add(stem + "." + base.substring(base.lastIndexOf('.') + 1));
        } else if ((stem = strip(base, "^(.+)\\.(?:test|spec)\\.([cm]?[jt]sx?)$")) != null) {
            String ext = base.substring(base.lastIndexOf('.') + 1);
            for (String e : List.of(ext, "js", "ts", "mjs", "cjs", "jsx", "tsx")) {
                names.add(stem + "." + e);
            }
        } else if (isTest(test) && !base.equals(test)) {
            names.add(base); // test/sum.js tests src/sum.js (mocha, tape)
        }
        List<String> folders = List.of(test.contains("/")
                ? test.substring(0, test.lastIndexOf('/')).split("/")
                : new String[0]);
        for (String n : names.stream().distinct().toList()) {
            Optional<String> found = byName.getOrDefault(n, List.of()).stream().filter(f -> !isTest(f))
                    .min(Comparator.comparingInt((String f) -> -sharedFolders(f, folders))
                            .thenComparingInt(String::length).thenComparing(Comparator.naturalOrder()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static int sharedFolders(String file, List<String> folders) {
        List<String> own = List.of(file.split("/"));
        int shared = 0;
        for (String f : folders) {
            if (own.subList(0, own.size() - 1).contains(f)) {
                shared++;
            }
        }
        return shared;
    }

    private static String strip(String name, String pattern) {
        java.util.regex.Matcher m = Pattern.compile(pattern).matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
