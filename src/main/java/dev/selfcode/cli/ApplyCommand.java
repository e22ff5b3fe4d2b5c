package dev.selfcode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.selfcode.config.Threshold;
import dev.selfcode.engine.DecisionTable;
import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.PatchRequest;
import dev.selfcode.engine.SelfCodingEngine;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.CodeGenerators;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.GitSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfcode apply}: one patch on a local git repository, measured and kept or reverted. */
@Command(name = "apply", description = "Write a helper into FILE, measure it in the sandbox, keep it on a branch "
        + "or revert it. The working tree is never touched.")
class ApplyCommand implements Callable<Integer> {

    @Mixin
    RepoDir repoDir;

    @Option(names = "--file", required = true, description = "the file the helper goes into, relative to the repository (or an absolute path inside it)")
    String file;

    @Option(names = "--threshold", description = "decision threshold (default: repo config, else server default)")
    Double threshold;

    @Option(names = "--generator", defaultValue = "auto", description = "llm, template (offline, no LLM) or auto (llm when one is configured); default ${DEFAULT-VALUE}")
    String generator;

    @Option(names = "--after", description = "insert after this function/class of FILE instead of appending")
    String after;

    @Option(names = "--base", description = "branch or commit to start from (default: HEAD)")
    String base;

    @Option(names = "--push", description = "push the kept branch to origin")
    boolean push;

    @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "what to build, e.g. \"normalize text\"")
    String[] description;

    @Spec
    CommandSpec spec;

    @Inject
    SelfCodingEngine engine;

    @Inject
    GitSync git;

    @Inject
    CodeGenerators generators;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Threshold> limit;
        try {
            limit = Optional.ofNullable(threshold).map(Threshold::of);
        } catch (IllegalArgumentException e) {
            err.println("selfcode: --threshold " + Threshold.RULE);
            return PatchOutcome.Status.BAD_INPUT.exitCode;
        }
        if (!generator.matches("llm|template|auto")) {
            err.println("selfcode: --generator must be llm, template or auto");
            return PatchOutcome.Status.BAD_INPUT.exitCode;
        }
        try {
            // Refused here, before anything is recorded: e.g. "llm" with no endpoint and no key.
            generators.select(generator);
        } catch (StageFailure e) {
            err.println("selfcode: " + e.getMessage());
            return PatchOutcome.Status.BAD_INPUT.exitCode;
        }
        Path dir = repoDir.dir();
        PatchRequest request;
        String target;
        try {
            target = RepoRelativeFile.of(dir, file);
            request = new PatchRequest(CliRepos.name(dir), GitRemote.local(dir), Optional.ofNullable(base),
                    Optional.of(target), String.join(" ", description), limit, generator, Optional.ofNullable(after),
                    "cli", Optional.empty(), Optional.empty());
        } catch (IllegalArgumentException e) {
            err.println("selfcode: " + e.getMessage());
            return PatchOutcome.Status.BAD_INPUT.exitCode;
        }
        out.println("selfcode: " + request.description() + " -> " + target + " in " + dir);
        PatchOutcome outcome;
        try {
            outcome = engine.applyPatch(request, new PublishLocally(git, dir, push), new ProgressPrinter(out));
        } catch (RuntimeException e) {
            // Only reached when even recording the attempt failed (e.g. the database is down).
            err.println("selfcode: could not record the attempt: " + e.getMessage());
            return PatchOutcome.Status.FAILED.exitCode;
        }
        print(out, err, outcome);
        return outcome.exitCode();
    }

    /** The decision table, the verdict line with why a measurement could not be used, and the patch id. */
    static void print(PrintWriter out, PrintWriter err, PatchOutcome outcome) {
        out.println();
        if (!outcome.decision().rows().isEmpty()) {
            out.print(DecisionTable.text(outcome.decision()));
            out.println();
        }
        if (outcome.generated().isPresent()) {
            out.println("tokens: " + DecisionTable.tokens(outcome.generated().get()));
        }
        String verdict = switch (outcome.status()) {
            case KEPT -> "KEPT";
            case REVERTED -> "REVERTED";
            case BAD_INPUT -> "BAD INPUT";
            case FAILED -> "FAILED";
            case BASE_UNMEASURABLE -> "NOT MEASURED";
        };
        PrintWriter verdictOut = outcome.status() == PatchOutcome.Status.KEPT
                || outcome.status() == PatchOutcome.Status.REVERTED ? out : err;
        verdictOut.println(verdict + ": " + outcome.message());
        outcome.why().ifPresent(why -> ExplanationText.print(verdictOut, why));
        outcome.published().ifPresent(p -> out.println(p));
        out.println("patch id: " + outcome.patchId());
        out.flush();
        err.flush();
    }
}
