package dev.selfcode.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Chunker;
import dev.selfcode.code.Language;

/**
 * Attributes a run's errors to the repository's source files: each lint finding to its file and line; each failing
 * test to the deepest frame of its failure that lies in a source file outside the tests, else to the file its test
 * file is named after. A line is attributed to the chunk (function or class) around it where the chunker knows the
 * language. Files and contents are read from the checkout the run was copied from, which the tested code cannot
 * change.
 */
final class AttributeErrors {

    /** The most lint findings attributed per run, and the most (file, function) pairs kept. */
    static final int MAX_FINDINGS = 20_000;
    static final int MAX_MODULES = 2_000;
    private static final int MAX_SOURCE_BYTES = 2 << 20;

    private final Path sources;
    private SourceFiles files;
    private final Map<String, List<Chunk>> chunks = new HashMap<>();

    private AttributeErrors(Path sources) {
        this.sources = sources;
    }

    /** The errors of a run by file and function, ordered by file then function (null first). */
    static List<ModuleError> of(Path sources, String lintOutput, List<TestFailure> failures) {
        List<LintLocations.Location> findings = LintLocations.of(lintOutput == null ? "" : lintOutput, MAX_FINDINGS);
        if (findings.isEmpty() && failures.isEmpty()) {
            return List.of(); // nothing to attribute: the checkout need not be listed
        }
        return new AttributeErrors(sources).attribute(findings, failures);
    }

    private List<ModuleError> attribute(List<LintLocations.Location> findings, List<TestFailure> failures) {
        files = SourceFiles.of(sources);
        // file -> function ("" for none) -> {lint, tests}
        Map<String, Map<String, int[]>> counts = new TreeMap<>();
        for (LintLocations.Location f : findings) {
            files.resolve(f.path()).ifPresent(file -> count(counts, file, functionAt(file, f.line()), 0));
        }
        for (TestFailure failure : failures) {
            Optional<Place> at = deepestSourceFrame(failure);
            if (at.isPresent()) {
                count(counts, at.get().file(), at.get().function(), 1);
            } else {
                testedFile(failure).ifPresent(file -> count(counts, file, null, 1));
            }
        }
        List<ModuleError> errors = new ArrayList<>();
        counts.forEach((file, byFunction) -> byFunction.forEach((function, n) -> errors
                .add(new ModuleError(file, function.isEmpty() ? null : function, n[0], n[1]))));
        return errors.size() <= MAX_MODULES ? errors : errors.subList(0, MAX_MODULES);
    }

    private static void count(Map<String, Map<String, int[]>> counts, String file, String function, int kind) {
        counts.computeIfAbsent(file, f -> new TreeMap<>()).computeIfAbsent(function == null ? "" : function,
                f -> new int[2])[kind]++;
    }

    /** A repository file and the function in it (null when unknown). */
    private record Place(String file, String function) {
    }

    /** The file and function of the deepest frame in a repository source file outside the tests. */
    private Optional<Place> deepestSourceFrame(TestFailure failure) {
        for (TraceFrames.Frame frame : TraceFrames.deepestFirst(failure.trace())) {
            Optional<String> file = files.resolve(frame.path());
            if (file.isPresent() && !SourceFiles.isTest(file.get())) {
                return Optional.of(new Place(file.get(), functionAt(file.get(), frame.line())));
            }
        }
        return Optional.empty();
    }

    /**
     * The file the failing test is named after: from the test file the report names, else the test files in its
     * trace, else its suite read as a module or class path ({@code tests.test_b}, {@code demo.CalcTest}).
     */
    private Optional<String> testedFile(TestFailure failure) {
        Set<String> tests = new LinkedHashSet<>();
        if (failure.file() != null) {
            tests.add(failure.file());
        }
        for (TraceFrames.Frame frame : TraceFrames.deepestFirst(failure.trace())) {
            files.resolve(frame.path()).filter(SourceFiles::isTest).ifPresent(tests::add);
        }
        String suite = failure.suite().strip();
        if (suite.matches("[^\\s/:]+\\.[cm]?[jt]sx?(?:\\s.*)?|.*/.*")) {
            tests.add(suite.split("\\s")[0]); // a test file's path (jest, node)
        } else if (!suite.isEmpty()) {
            String[] parts = suite.split("[.:\\s>]+");
            for (int i = parts.length; i >= 1; i--) {
                String path = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i));
                tests.add(path + ".py");
                tests.add(path + ".java");
                tests.add(path + ".kt");
            }
        }
        for (String test : tests) {
            Optional<String> source = files.testedBy(test);
            if (source.isPresent()) {
                return source;
            }
        }
        return Optional.empty();
    }

    /** The name of the chunk around {@code line} of {@code file}, null when none or the language is unknown. */
    private String functionAt(String file, int line) {
        Optional<Language> language = Language.of(file);
        if (language.isEmpty()) {
            return null;
        }
        List<Chunk> parts = chunks.computeIfAbsent(file, f -> SafeFiles
                .head(sources, sources.resolve(f), MAX_SOURCE_BYTES).filter(b -> b.length <= MAX_SOURCE_BYTES)
                .map(b -> Chunker.chunk(f, language.get(), new String(b, StandardCharsets.UTF_8))).orElse(List.of()));
        for (Chunk c : parts) {
            if (c.startLine() <= line && line <= c.endLine()) {
                return c.symbol();
            }
        }
        return null;
    }
}
