package dev.selfcode.engine;

import java.util.List;
import java.util.Optional;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation;

/**
 * Why an evaluation could not be used, in parts a person can act on; the CLI, comments and check runs render it.
 *
 * @param cause    what went wrong, from the sandbox ("a process was killed for using more than the memory limit of
 *                 512 MiB"); never empty
 * @param limit    the sandbox limit that was hit ("time limit of 20 s"), if one was
 * @param step     the step that failed (setup, lint, test, ...), empty when unknown
 * @param exitCode that step's exit code, empty when it did not finish
 * @param lines    the failing step's last lines, or its error lines (Maven's [ERROR], node's "Cannot find module")
 * @param hint     what to change, when Selfcode can tell
 */
public record Explanation(String cause, Optional<String> limit, String step, Optional<Integer> exitCode,
        List<String> lines, Optional<String> hint) {

    public Explanation {
        lines = List.copyOf(lines);
    }

    /**
     * Explains an unusable evaluation of {@code config}'s steps.
     *
     * @param base        whether it measured the base (the repository's own state) rather than a candidate: limits
     *                    hit by the base are the repository's to raise, by a candidate the candidate's fault
     * @param outputLimit the sandbox's output cap in bytes, to name it when it dropped output
     */
    public static Explanation of(Evaluation e, RepoConfig config, boolean base, int outputLimit) {
        FailingStepExcerpt.Excerpt excerpt = FailingStepExcerpt.of(e.logTail(), e.exitCodes());
        String cause = e.cause().isBlank()
                ? "status " + e.status() + (e.exitCodes().isEmpty() ? "" : " (exit codes " + e.exitCodes() + ")")
                : e.cause();
        Optional<String> limit = limit(e, config, excerpt, outputLimit);
        Optional<String> hint = hint(e, config, excerpt, base);
        return new Explanation(cause, limit, excerpt.step(), excerpt.exitCode(), excerpt.lines(), hint);
    }

    private static boolean outOfMemory(Evaluation e) {
        // The sandbox counts the cgroup's OOM kills and says so in its cause; 137 is SIGKILL, the OOM killer's signal.
        return e.status() != Evaluation.Status.TIMEOUT
                && (e.cause().contains("memory limit") || e.exitCodes().containsValue(137));
    }

    private static Optional<String> limit(Evaluation e, RepoConfig config, FailingStepExcerpt.Excerpt excerpt,
            int outputLimit) {
        if (e.status() == Evaluation.Status.TIMEOUT) {
            return Optional.of("time limit of " + config.limits().timeout().toSeconds() + " s");
        }
        if (outOfMemory(e)) {
            return Optional.of("memory limit of " + (config.limits().memoryBytes() >> 20) + " MiB");
        }
        if (excerpt.outputDropped()) {
            return Optional.of("output cap of " + outputLimit + " bytes: the beginning of the output was dropped");
        }
        return Optional.empty();
    }

    private static Optional<String> hint(Evaluation e, RepoConfig config, FailingStepExcerpt.Excerpt excerpt,
            boolean base) {
        if (excerpt.missingCommand().isPresent() || excerpt.exitCode().orElse(0) == 127) {
            String what = excerpt.missingCommand().map(c -> "`" + c + "` is").orElse("a command of the "
                    + excerpt.step() + " step is");
            return Optional.of(what + " not installed in the sandbox image " + config.image() + ": install it in the"
                    + " `deps` or `setup` step of " + RepoConfig.PATH + ", or name an `image` that has it"
                    + (config.inferred() ? " (Selfcode inferred `" + config.test() + "`; name your own `test:`)" : ""));
        }
        if (!base) {
            return Optional.empty();
        }
        if (e.status() == Evaluation.Status.TIMEOUT) {
            return Optional.of("if the checks need longer, raise `limits: { timeout: ... }` in " + RepoConfig.PATH);
        }
        if (outOfMemory(e)) {
            return Optional.of("if the checks need more memory, raise `limits: { memory: ... }` in "
                    + RepoConfig.PATH);
        }
        return Optional.empty();
    }
}
