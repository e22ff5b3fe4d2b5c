package dev.selfcode.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options of every command on a local repository: which one ({@code --repo}) and {@code --verbose}. */
class RepoDir {

    @Option(names = "--repo", description = "the git repository (default: current directory)", defaultValue = ".")
    Path repo;

    /** Read by {@link CliLogging} from the arguments before the command runs; declared so picocli accepts it. */
    @Option(names = "--verbose", description = "show server logs")
    boolean verbose;

    /** True (after saying so on {@code err}) when the repository is not a directory: the command then exits 2. */
    boolean missing(PrintWriter err) {
        if (Files.isDirectory(dir())) {
            return false;
        }
        err.println("selfcode: no such directory: " + dir());
        err.flush();
        return true;
    }

    /** The repository as an absolute, normalised path. */
    Path dir() {
        return repo.toAbsolutePath().normalize();
    }
}
