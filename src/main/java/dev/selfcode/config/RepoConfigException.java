package dev.selfcode.config;

/** A repo config file that cannot be used; the message names the line and the problem. */
public class RepoConfigException extends Exception {

    private final int line;

    public RepoConfigException(int line, String message) {
        super(line > 0 ? PATH_PREFIX + line + ": " + message : RepoConfig.PATH + ": " + message);
        this.line = line;
    }

    private static final String PATH_PREFIX = RepoConfig.PATH + " line ";

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
