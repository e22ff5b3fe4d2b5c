package dev.selfcode.cli;

import java.io.PrintWriter;

import dev.selfcode.engine.Explanation;

/** Prints why a measurement could not be used, under the verdict line: the limit hit, the failing step's lines, a hint. */
final class ExplanationText {

    private ExplanationText() {
    }

    static void print(PrintWriter out, Explanation why) {
        why.limit().ifPresent(l -> out.println("  limit hit: " + l));
        if (!why.lines().isEmpty()) {
            String step = why.step().isEmpty()
                    ? "the log"
                    : "the " + why.step() + " step"
                            + why.exitCode().map(c -> " (exit " + c + ")").orElse(" (did not finish)");
            out.println("  " + step + ", last lines:");
            why.lines().forEach(l -> out.println("    | " + l));
        } else if (!why.step().isEmpty()) {
            out.println("  the " + why.step() + " step" + why.exitCode().map(c -> " exited " + c).orElse(" did not finish")
                    + " and printed nothing");
        }
        why.hint().ifPresent(h -> out.println("  hint: " + h));
    }
}
