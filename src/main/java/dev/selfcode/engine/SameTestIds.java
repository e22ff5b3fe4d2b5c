package dev.selfcode.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.selfcode.sandbox.Evaluation;

/**
 * The invariant that a patch which touches no test file runs exactly the tests its base runs: a test that appears
 * (a forged report, a test collected from the helper) or disappears (a module that no longer imports) is a
 * rejection naming the ids. Compared only when both sides' reports name their tests.
 */
final class SameTestIds {

    /** Path conventions of test files in Python, JavaScript/TypeScript and Java projects. */
    private static final Pattern TEST_DIRECTORY = Pattern.compile("(?:^|/)(?:tests?|__tests__|spec|src/test)/");
    private static final Pattern TEST_FILE = Pattern.compile(
            "(?:^|/)(?:test_[^/]*\\.py|[^/]*_test\\.py|conftest\\.py|[^/]*\\.(?:test|spec)\\.[cm]?[jt]sx?"
                    + "|[^/]*(?:Test|Tests|IT|TestCase)\\.java)$");
    static final int NAMED = 5;

    private SameTestIds() {
    }

    /** Whether {@code path} (relative to the repository) is a test file or lies in a test folder. */
    static boolean isTestFile(String path) {
        String p = Path.of(path).normalize().toString().replace('\\', '/');
        return TEST_DIRECTORY.matcher(p).find() || TEST_FILE.matcher(p).find();
    }

    /** Why the candidate runs other tests than its base, or empty when the ids agree or need not. */
    static Optional<String> problem(String changedPath, Evaluation base, Evaluation candidate) {
        if (isTestFile(changedPath) || base.testIds().isEmpty() || candidate.testIds().isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> appeared = new TreeSet<>(candidate.testIds());
        appeared.removeAll(base.testIds());
        TreeSet<String> disappeared = new TreeSet<>(base.testIds());
        disappeared.removeAll(candidate.testIds());
        if (appeared.isEmpty() && disappeared.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!appeared.isEmpty()) {
            parts.add(appeared.size() + " appeared (" + named(appeared) + ")");
        }
        if (!disappeared.isEmpty()) {
            parts.add(disappeared.size() + " disappeared (" + named(disappeared) + ")");
        }
        return Optional.of(String.format(Locale.ROOT, "the candidate runs other tests than its base, though it changes"
                + " no test file (%s): %s", changedPath, String.join("; ", parts)));
    }

    /** Why the ids were not compared, for the evaluation's summary; empty when they were. */
    static String skipped(Evaluation base, Evaluation candidate) {
        if (base.testIds().isEmpty() || candidate.testIds().isEmpty()) {
            return "; test ids not compared: the " + (base.testIds().isEmpty() ? "base's" : "candidate's")
                    + " reports name no tests (counted by exit code)";
        }
        return "";
    }

    private static String named(TreeSet<String> ids) {
        List<String> shown = ids.stream().limit(NAMED).toList();
        return String.join(", ", shown) + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "");
    }
}
