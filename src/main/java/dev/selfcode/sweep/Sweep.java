package dev.selfcode.sweep;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.engine.MeasureBase;
import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.PatchRequest;
import dev.selfcode.engine.ProgressListener;
import dev.selfcode.engine.Publisher;
import dev.selfcode.engine.SelfCodingEngine;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.Refusal;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.llm.CodeGenerators;
import dev.selfcode.metrics.ModuleErrorSample;
import dev.selfcode.metrics.ModuleRanking;
import dev.selfcode.metrics.WorstModule;
import dev.selfcode.text.Text;
import dev.selfcode.workspace.GitRemote;

/**
 * One sweep of a repository: measure its default branch (a metric sample and errors per module; an unchanged
 * branch reuses the cached baseline and runs no sandbox), then, with {@code refactor_worst}, run the engine on the
 * module with the most errors. With an LLM the function or class in it with the most attributed errors is rewritten
 * in place, its signature kept; the template generator appends a helper after it. Budgets and the circuit breaker are
 * asked first; a refused sweep is recorded as skipped. Without an LLM the template would only append placeholder
 * code, so such a sweep says what it would do and opens nothing unless the repo config sets
 * {@code sweep.template_prs}. One branch per repository
 * ({@value #BRANCH}): a new sweep updates its open pull request instead of opening another.
 */
@ApplicationScoped
public class Sweep {

    public static final String BRANCH = "selfcode/sweep";

    /**
     * This sweep's patch opened the circuit breaker; nobody has been told yet (a sweep has no issue to comment on, so
     * the caller says it where the maintainers will see it).
     */
    public record Trip(Guardrails.BreakerState state, RepoLimits limits) {
    }

    /** How a sweep ended. */
    public enum Status {
        /** The default branch could not be measured; nothing else ran. */
        NOT_MEASURED,
        /** Measured; no refactor asked for, or nothing to refactor yet. */
        MEASURED,
        /** Measured; the refactor was refused by a budget or the circuit breaker. */
        SKIPPED,
        /** Measured; the template generator would refactor, and only says so. */
        REPORTED,
        /** Measured, and the engine ran on the worst module. */
        PATCHED
    }

    /**
     * @param summary what happened, in one or two sentences
     * @param worst   the module picked, when one was
     * @param patch   the engine's outcome, when it ran
     */
    public record Outcome(Status status, MeasureBase.Measurement measurement, Optional<ModuleRanking.Module> worst,
            Optional<PatchOutcome> patch, Optional<Refusal> refusal, String summary, Optional<Trip> tripped) {

        Outcome(Status status, MeasureBase.Measurement measurement, Optional<ModuleRanking.Module> worst,
                Optional<PatchOutcome> patch, Optional<Refusal> refusal, String summary) {
            this(status, measurement, worst, patch, refusal, summary, Optional.empty());
        }

        /** As {@code selfcode apply}: the patch's exit code when one ran, else 0 measured, 1 or 2 not measured. */
        public int exitCode() {
            return patch.map(PatchOutcome::exitCode).orElseGet(measurement::exitCode);
        }
    }

    @Inject
    MeasureBase measure;
    @Inject
    WorstModule worstModule;
    @Inject
    SelfCodingEngine engine;
    @Inject
    Guardrails guardrails;
    @Inject
    CodeGenerators generators;
    @Inject
    SelfcodeConfig config;

    /**
     * @param baseRef the default branch (or commit) to measure and patch, empty for HEAD
     * @param jobId   the queue job, when run from the queue (keeps the engine's records linked)
     */
    public Outcome run(String repo, GitRemote remote, Optional<String> baseRef, Publisher publisher,
            ProgressListener progress, Optional<Long> jobId) {
        MeasureBase.Measurement m = measure.run(repo, remote, baseRef, started -> {
        });
        if (!m.measured()) {
            return new Outcome(Status.NOT_MEASURED, m, Optional.empty(), Optional.empty(), Optional.empty(),
                    "the default branch could not be measured: " + m.cause());
        }
        String measured = "measured " + m.sha().map(s -> s.substring(0, 8)).orElse("?")
                + (m.cached() ? " (unchanged since the last measurement: no sandbox ran)" : "");
        RepoConfig repoConfig = m.config().orElseThrow();
        if (!repoConfig.sweep().refactorWorst()) {
            return done(Status.MEASURED, m, Optional.empty(), measured + "; refactor_worst is off");
        }
        ModuleRanking ranking = worstModule.rank(repo);
        if (!ranking.enough()) {
            return done(Status.MEASURED, m, Optional.empty(), measured + "; the worst module is picked from "
                    + ModuleRanking.MIN_SAMPLES + " samples, and " + ranking.missing() + " more "
                    + (ranking.missing() == 1 ? "is" : "are") + " needed");
        }
        Optional<ModuleRanking.Module> worst = ranking.worst();
        if (worst.isEmpty()) {
            return done(Status.MEASURED, m, Optional.empty(), measured + "; no module has errors: nothing to refactor");
        }
        ModuleRanking.Module w = worst.get();
        String target = w.file() + w.function().map(f -> " (" + f + ")").orElse("");
        RepoLimits limits = RepoLimits.of(config.guardrails(), repoConfig.guardrails());
        Optional<Refusal> refusal = guardrails.refuse(repo, limits, true, "sweep");
        if (refusal.isPresent()) {
            return new Outcome(Status.SKIPPED, m, worst, Optional.empty(), refusal,
                    measured + "; refactoring " + target + " skipped: " + refusal.get().line());
        }
        String generator = generators.select(config.sweeps().generator()).name();
        if ("template".equals(generator) && !repoConfig.sweep().templatePrs()) {
            return done(Status.REPORTED, m, worst, measured + "; would refactor " + target + " (mean "
                    + Text.fixed(w.meanErrors()) + " errors per sample), but with no LLM configured only the template "
                    + "generator is available; set sweep.template_prs: true to let it open pull requests");
        }
        // With an LLM the chunk with the most errors is rewritten in place; the template can only add a helper after it.
        PatchRequest.Mode mode = "llm".equals(generator) && w.function().isPresent()
                ? PatchRequest.Mode.REPLACE_CHUNK
                : PatchRequest.Mode.APPEND_HELPER;
        PatchRequest request = new PatchRequest(repo, remote, m.sha(), Optional.of(w.file()),
                description(w, latestOf(repo, w)), Optional.empty(), generator, w.function(), "sweep", jobId,
                Optional.of(BRANCH), mode);
        PatchOutcome patch = engine.applyPatch(request, publisher, progress);
        Optional<Trip> tripped = guardrails.tripIfDue(repo, limits, patch.patchId(), null)
                .map(state -> new Trip(state, limits));
        return new Outcome(Status.PATCHED, m, worst, Optional.of(patch), Optional.empty(),
                measured + "; refactored " + target + ": " + patch.message(), tripped);
    }

    private static Outcome done(Status status, MeasureBase.Measurement m, Optional<ModuleRanking.Module> worst,
            String summary) {
        return new Outcome(status, m, worst, Optional.empty(), Optional.empty(), summary);
    }

    /** The refactor request: which chunk, why it was picked, what must not change. */
    static String description(ModuleRanking.Module w, Optional<ModuleErrorSample> latest) {
        String where = w.function().map(f -> "`" + f + "` in `" + w.file() + "`").orElse("`" + w.file() + "`");
        String attributed = latest.map(e -> " The latest sample attributes " + e.testFailures + " failing test(s) and "
                + e.lintFindings + " lint finding(s) to `" + e.function + "`.").orElse("");
        return "Refactor " + where + ": it has the most errors of the repository (mean " + Text.fixed(w.meanErrors())
                + " per sample, " + w.latestErrors() + " in the latest)." + attributed + " Keep its signature and"
                + " behaviour; make its failing tests pass and its lint findings go away.";
    }

    /** The worst chunk's errors in the newest sample that attributed any to it. */
    private static Optional<ModuleErrorSample> latestOf(String repo, ModuleRanking.Module w) {
        if (w.function().isEmpty()) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> ModuleErrorSample.of(repo, w.file(), w.function().get())
                .stream().findFirst());
    }
}
