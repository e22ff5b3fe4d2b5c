package dev.selfcode.sandbox;

/** The sandbox itself cannot run: no Docker engine, a missing image, or an engine error. */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
