package dev.selfcode.failure;

/** How a failed stage is classified; decides the exit code, the retry and the message. */
public enum FailureKind {
    /** The request or the repository is unusable as given (exit 2); retrying will not help. */
    BAD_INPUT,
    /** The candidate was rejected before a decision: bad generated code, build failure, timeout (exit 3). */
    REJECTED,
    /**
     * The repository's checks could not be measured for a reason outside the request: a limit was hit, dependencies
     * could not be installed, the base does not build (exit 1, not retried: it fails the same way next time).
     */
    UNMEASURABLE,
    /** Infrastructure that may work next time: LLM outage, Docker hiccup, network (exit 1, retried). */
    TRANSIENT,
    /** A bug or an unexpected state (exit 1, not retried). */
    INTERNAL
}
