package dev.selfcode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.selfcode.sweep.Sweep;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.GitSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code selfcode sweep}: one sweep of a local repository, now: measure HEAD, then refactor the worst module. */
@Command(name = "sweep", description = "Sweep a local git repository once, now: measure HEAD (recorded for the trend "
        + "and the per-module errors), then, when .github/selfcode.yml sets sweep.refactor_worst, run Selfcode on the "
        + "module with the most errors (kept on the branch " + Sweep.BRANCH + ", or reverted). Exit codes as apply; "
        + "0 when only measured.")
class SweepCommand implements Callable<Integer> {

    @Mixin
    RepoDir repoDir;

    @Spec
    CommandSpec spec;

    @Inject
    Sweep sweep;

    @Inject
    GitSync git;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repoDir.missing(err)) {
            return 2;
        }
        Path dir = repoDir.dir();
        out.println("selfcode: sweeping " + dir);
        out.flush();
        Sweep.Outcome outcome;
        try {
            outcome = sweep.run(CliRepos.name(dir), GitRemote.local(dir), Optional.empty(),
                    new PublishLocally(git, dir, false), new ProgressPrinter(out), Optional.empty());
        } catch (RuntimeException e) {
            err.println("selfcode: the sweep could not be recorded: " + e.getMessage());
            return 1;
        }
        if (outcome.patch().isPresent()) {
            ApplyCommand.print(out, err, outcome.patch().get());
        }
        outcome.tripped().ifPresent(trip -> out.println("selfcode: the circuit breaker is now open for " + dir + ": "
                + trip.state().inARow() + " rejected or rolled-back patches in a row (breaker: " + trip.state().limit()
                + "); its sweeps stop until `selfcode reset --repo " + dir + "`"));
        PrintWriter summaryOut = outcome.status() == Sweep.Status.NOT_MEASURED ? err : out;
        summaryOut.println("sweep: " + outcome.summary());
        if (outcome.status() == Sweep.Status.NOT_MEASURED) {
            outcome.measurement().why().ifPresent(why -> ExplanationText.print(err, why));
        }
        out.flush();
        err.flush();
        return outcome.exitCode();
    }
}
