package dev.selfcode.github;

import java.util.Optional;

import dev.selfcode.engine.Explanation;
import dev.selfcode.safety.SecretScanner;

/**
 * An {@link Explanation} as the GitHub texts show it: the failing step's lines fenced so that backticks in them
 * cannot close the block, and redacted, since a repository's own output may print a secret. Absent parts are null.
 *
 * @param cause   what went wrong
 * @param limit   the sandbox limit that was hit
 * @param step    "the test step (exit 1)", the heading of the lines
 * @param excerpt the failing step's lines
 * @param fence   a backtick fence longer than any run of backticks in the lines
 * @param hint    what to change
 */
record WhyShown(String cause, String limit, String step, String excerpt, String fence, String hint) {

    static WhyShown of(Explanation why) {
        String excerpt = why.lines().isEmpty() ? null : SecretScanner.redacted(String.join("\n", why.lines()));
        String step = why.step().isEmpty()
                ? "The last lines of the log"
                : "The last lines of the `" + why.step() + "` step"
                        + why.exitCode().map(c -> " (exit " + c + ")").orElse(" (it did not finish)");
        return new WhyShown(SecretScanner.redacted(why.cause()), why.limit().orElse(null), step, excerpt,
                DiffSummary.fenceFor(excerpt == null ? "" : excerpt), why.hint().orElse(null));
    }

    /** The rendered Markdown section, or null when there is nothing to explain. */
    static String markdown(Optional<Explanation> why) {
        return why.map(w -> Markdown.why(of(w)).render()).orElse(null);
    }
}
