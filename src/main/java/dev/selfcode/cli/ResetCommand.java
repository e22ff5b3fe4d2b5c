package dev.selfcode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.RepoLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code selfcode reset}: closes a local repository's circuit breaker, as {@code /selfcode reset} does on GitHub. */
@Command(name = "reset", description = "Reset the circuit breaker of a local repository, so Selfcode patches it again.")
class ResetCommand implements Callable<Integer> {

    @Mixin
    RepoDir repoDir;

    @Spec
    CommandSpec spec;

    @Inject
    Guardrails guardrails;

    @Inject
    SelfcodeConfig config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repoDir.missing(err)) {
            return 2;
        }
        Path dir = repoDir.dir();
        RepoLimits limits;
        try {
            limits = limits(dir);
        } catch (RepoConfigException e) {
            err.println("selfcode: " + e.getMessage());
            return 2;
        }
        Guardrails.BreakerState before = guardrails.reset(CliRepos.name(dir), limits,
                "cli:" + System.getProperty("user.name", "?"));
        out.println(before.open()
                ? "selfcode: circuit breaker reset for " + dir + " (it was open after " + before.inARow()
                        + " rejected or rolled-back patches in a row)"
                : "selfcode: circuit breaker was not open for " + dir + " (" + before.inARow() + " of " + before.limit()
                        + " in a row); the count starts again from zero");
        out.flush();
        return 0;
    }

    /** The breaker size from the working tree's config, which is what a local sweep reads. */
    private RepoLimits limits(Path dir) throws RepoConfigException {
        Path file = dir.resolve(RepoConfig.PATH);
        String text = null;
        if (Files.isRegularFile(file)) {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new RepoConfigException(0, "cannot be read: " + e.getMessage());
            }
        }
        return RepoLimits.of(config.guardrails(), new RepoConfigReader(config.sandbox()).guardrails(text));
    }
}
