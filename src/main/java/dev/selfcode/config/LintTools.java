package dev.selfcode.config;

import java.util.List;
import java.util.Set;

/**
 * The lint and type-check tools a Node test script chains around its test runner ({@code xo && ava && tsd}): tools
 * that read the code and report problems without running any test. Inference moves them from the test step to the
 * lint step, where what they print counts as findings instead of failing the measurement of the tests.
 */
final class LintTools {

    /** Linters, formatters and type checkers that only check, whatever their arguments. */
    private static final Set<String> ALWAYS = Set.of("xo", "eslint", "standard", "semistandard", "ts-standard",
            "tsd", "tslint", "jshint", "jscs", "stylelint", "markdownlint", "markdownlint-cli2", "oxlint", "publint",
            "dtslint");
    /** Formatters that only check when told to ({@code prettier --check}), else rewrite files. */
    private static final Set<String> CHECK_FLAGS = Set.of("--check", "-c", "--list-different", "-l");
    /** Type checkers that only check with {@code --noEmit}, else write output. */
    private static final Set<String> TYPE_CHECKERS = Set.of("tsc", "vue-tsc");
    /** biome's and dprint's checking subcommands ({@code format} without {@code --write} only reports). */
    private static final Set<String> BIOME_CHECKS = Set.of("lint", "check", "ci", "format");
    /** Words that run the command after them unchanged. */
    private static final Set<String> PREFIXES = Set.of("npx", "cross-env", "env");

    private LintTools() {
    }

    /** Whether a simple command (its unquoted words) runs a lint tool as a check. */
    static boolean isLint(List<String> words) {
        int i = 0;
        while (i < words.size() && (words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")
                || PREFIXES.contains(words.get(i)) || (i > 0 && PREFIXES.contains(words.get(i - 1))
                        && words.get(i).startsWith("-")))) {
            i++; // NODE_ENV=x, npx, npx --no-install
        }
        if (i >= words.size()) {
            return false;
        }
        String word = words.get(i);
        String tool = word.substring(word.lastIndexOf('/') + 1);
        List<String> args = words.subList(i + 1, words.size());
        if (ALWAYS.contains(tool)) {
            return !args.contains("--fix") && !args.contains("--write"); // a fixer rewrites what the tests then run
        }
        if (tool.equals("prettier")) {
            return args.stream().anyMatch(CHECK_FLAGS::contains) && !args.contains("--write");
        }
        if (TYPE_CHECKERS.contains(tool)) {
            return args.stream().anyMatch(a -> a.equalsIgnoreCase("--noEmit") || a.equalsIgnoreCase("--noEmit=true"));
        }
        if (tool.equals("biome")) {
            return !args.isEmpty() && BIOME_CHECKS.contains(args.get(0)) && !args.contains("--write")
                    && !args.contains("--apply") && !args.contains("--fix");
        }
        return tool.equals("dprint") && !args.isEmpty() && args.get(0).equals("check");
    }
}
