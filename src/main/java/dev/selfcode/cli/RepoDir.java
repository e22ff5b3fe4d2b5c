package dev.selfcode.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options of every command on a local repository: which one ({@code --repo}) and {@code --verbose}. */
class RepoDir {

    @Option(names = "--repo", description = "the git repository (default: current directory)", defaultValue = ".")
    Path repo;

    /** Read by {@link CliLogging} from the arguments before the command runs; declared so picocli accepts it. */
    @Option(names = "--verbose", description = "show server logs")
    boolean verbose;

    /** The repository as an absolute, normalised path. */
    Path dir() {
        return repo.toAbsolutePath().normalize();
    }
}
