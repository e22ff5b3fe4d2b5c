package dev.selfcode.job;

/**
 * Something the worker needs before it takes work (the Docker engine, the sandbox images): while a gate is closed,
 * the worker claims nothing and queued jobs wait for another worker or for the gate to open.
 */
public interface ClaimGate {

    /** True when jobs may be claimed now; must answer quickly (a cached probe). */
    boolean open();
}
