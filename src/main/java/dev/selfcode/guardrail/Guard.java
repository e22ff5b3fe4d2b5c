package dev.selfcode.guardrail;

/** The guardrails that can stop Selfcode on a repository, each named by its {@code .github/selfcode.yml} key. */
public enum Guard {

    /** The circuit breaker: too many rejected or rolled-back patches in a row. */
    BREAKER("breaker"),
    /** Too many open Selfcode pull requests. */
    OPEN_PRS("max_open_prs"),
    /** Too many patch attempts in the last 24 hours. */
    PATCHES_PER_DAY("max_patches_per_day"),
    /** Too many LLM tokens in the last 24 hours. */
    TOKENS_PER_DAY("max_tokens_per_day");

    /** The config key that sets the limit. */
    public final String key;

    Guard(String key) {
        this.key = key;
    }
}
