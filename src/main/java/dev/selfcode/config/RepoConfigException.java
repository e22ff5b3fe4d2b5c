package dev.selfcode.config;

/** A repo config file that cannot be used; the message names the line and the problem. */
public class RepoConfigException extends Exception {

    /** What is wrong, so callers decide by type rather than by the wording of the message. */
    public enum Problem {
        /** The file cannot be read, is not valid YAML, or holds an unknown key or a bad value. */
        INVALID,
        /** No test command is named and none can be inferred from the repository. */
        NO_TESTS,
        /** The repository's build tool cannot run in Selfcode's sandbox (Gradle); the message says what to name instead. */
        UNSUPPORTED_BUILD
    }

    private final int line;
    private final Problem problem;

    public RepoConfigException(int line, String message) {
        this(line, Problem.INVALID, message);
    }

    public RepoConfigException(int line, Problem problem, String message) {
        this(line > 0 ? PATH_PREFIX + line + ": " + message : RepoConfig.PATH + ": " + message, line, problem);
    }

    private RepoConfigException(String fullMessage, int line, Problem problem) {
        super(fullMessage);
        this.line = line;
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** A problem found while inferring the config of a repository that has no config file: the file is not named. */
    public static RepoConfigException withoutFile(Problem problem, String message) {
        return new RepoConfigException(message, 0, problem);
    }

    private static final String PATH_PREFIX = RepoConfig.PATH + " line ";

    /** 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
