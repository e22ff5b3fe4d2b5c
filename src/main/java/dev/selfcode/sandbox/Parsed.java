package dev.selfcode.sandbox;

/** A value read from untrusted output, or the reason it could not be read; never both. */
record Parsed<T>(T value, String problem) {

    static <T> Parsed<T> ok(T value) {
        return new Parsed<>(value, null);
    }

    static <T> Parsed<T> failed(String problem) {
        return new Parsed<>(null, problem);
    }

    boolean isOk() {
        return problem == null;
    }
}
