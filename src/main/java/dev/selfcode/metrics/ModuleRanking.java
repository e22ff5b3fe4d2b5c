package dev.selfcode.metrics;

import java.util.List;
import java.util.Optional;

/**
 * A repository's modules ranked by their errors over its newest samples, worst first ({@link WorstModule}).
 *
 * @param samples the repository's recorded samples
 * @param window  the newest samples the means are taken over
 * @param rows    the module rows read (at most {@link WorstModule#ROWS})
 * @param modules the files with errors in the window, worst first; each with the chunk with the most errors in it
 */
public record ModuleRanking(long samples, int window, int rows, List<Module> modules) {

    /** The fewest samples the rule picks a module from: with fewer, a mean says little. */
    public static final int MIN_SAMPLES = 3;

    public ModuleRanking {
        modules = List.copyOf(modules);
    }

    /**
     * One file's errors over the window.
     *
     * @param file              the file, relative to the repository
     * @param function          the function or class in it with the most attributed errors, when any was attributed
     * @param meanErrors        its errors per sample of the window (a sample without errors in it counts 0)
     * @param samplesWithErrors the samples of the window in which it had errors
     * @param latestErrors      its errors in the newest sample
     */
    public record Module(String file, Optional<String> function, double meanErrors, int samplesWithErrors,
            int latestErrors) {
    }

    public boolean enough() {
        return samples >= MIN_SAMPLES;
    }

    /** How many more samples the rule needs. */
    public long missing() {
        return Math.max(0, MIN_SAMPLES - samples);
    }

    /** The module the rule picks: the first, when there are enough samples and any errors. */
    public Optional<Module> worst() {
        return enough() && !modules.isEmpty() ? Optional.of(modules.get(0)) : Optional.empty();
    }
}
