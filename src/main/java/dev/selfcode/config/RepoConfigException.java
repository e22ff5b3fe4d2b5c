package dev.selfcode.config;

/** A repo config file that cannot be used; the message names the line and the problem. */
public class RepoConfigException extends Exception {

    private final int line;

    public RepoConfigException(int line, String message) {
        this(line > 0 ? PATH_PREFIX + line + ": " + message : RepoConfig.PATH + ": " + message, line);
    }

    private RepoConfigException(String fullMessage, int line) {
        super(fullMessage);
        this.line = line;
    }

    /** A problem found while inferring the config of a repository that has no config file: the file is not named. */
    public static RepoConfigException withoutFile(String message) {
        return new RepoConfigException(message, 0);
    }

    private static final String PATH_PREFIX = RepoConfig.PATH + " line ";

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
