package dev.selfcode.testsupport;

/** Secrets that look real to the scanner and open nothing; split so no scanner flags this source file. */
public final class FakeSecrets {

    /** A GitHub personal access token's shape: {@code ghp_} and 36 characters. */
    public static final String GITHUB_TOKEN = "ghp_" + "Zq81mXv0LkP2rTy7WsB4nD9cEh6JgUa3FoR5";

    private FakeSecrets() {
    }
}
