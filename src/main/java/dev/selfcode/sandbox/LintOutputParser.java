package dev.selfcode.sandbox;

import java.util.regex.Pattern;

/**
 * Counts lint findings in a linter's output: one per line shaped like {@code path:line[:col]: message}
 * (flake8, pyflakes, ruff concise, eslint unix, javac, mypy). A linter that fails without printing such a
 * line (it crashed, or is not installed) counts as one finding, so a broken lint step is never "clean".
 */
final class LintOutputParser {

    private static final Pattern FINDING = Pattern.compile("^\\S[^:\\n]*:\\d+(?::\\d+)?:\\s*\\S.*$");

    private LintOutputParser() {
    }

    static int findings(String output, int exitCode) {
        int count = 0;
        for (String line : (Iterable<String>) output.lines()::iterator) {
            // Caps the work a pathological line can cause in the regex.
            if (line.length() <= 4096 && FINDING.matcher(line).matches()) {
                count++;
            }
        }
        return count == 0 && exitCode != 0 ? 1 : count;
    }
}
