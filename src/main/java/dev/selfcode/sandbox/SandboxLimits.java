package dev.selfcode.sandbox;

/** The resource limits of one container. */
record SandboxLimits(double cpus, long memoryBytes, long pids, long tmpfsBytes) {
}
