package dev.selfcode.sandbox;

/**
 * What a one-shot sandboxed command did.
 *
 * @param exitCode    the command's exit code (-1 when it never finished)
 * @param output      the tail of its stdout and stderr, capped at the sandbox output limit
 * @param timedOut    true when it ran out of time and was killed
 * @param wallSeconds time from container start to exit
 */
public record CommandResult(int exitCode, String output, boolean timedOut, double wallSeconds) {

    /** True when the command finished in time with exit code 0. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
