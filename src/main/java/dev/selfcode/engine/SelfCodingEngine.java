package dev.selfcode.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.PersonIdent;
import org.jboss.logging.Logger;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Chunker;
import dev.selfcode.code.CodeIndex;
import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.failure.FailureClassifier;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.CodeGenerators;
import dev.selfcode.llm.GenerationRequest;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.metrics.TrendPredictor;
import dev.selfcode.safety.SafetyMonitor;
import dev.selfcode.workspace.Workspaces;

/**
 * Applies one patch: checkout, context, generate, guard, apply, evaluate, predict, decide, record, publish.
 * Every failure goes through one classifier and ends as a recorded {@link PatchOutcome}.
 */
@ApplicationScoped
public class SelfCodingEngine {

    private static final Logger LOG = Logger.getLogger(SelfCodingEngine.class);
    static final int MAX_CONTEXT_CHARS = 40_000;
    static final PersonIdent AUTHOR = new PersonIdent("Selfcode", "selfcode@users.noreply.github.com");

    @Inject
    SelfcodeConfig config;
    @Inject
    Workspaces workspaces;
    @Inject
    CodeIndex codeIndex;
    @Inject
    CodeGenerators generators;
    @Inject
    SafetyMonitor safety;
    @Inject
    EvaluatePatch evaluate;
    @Inject
    TrendPredictor predictor;
    @Inject
    PatchHistory history;
    @Inject
    GptMemory memory;

    /** Runs every stage; the request context lets stages read entities from any thread (CLI, worker). */
    @ActivateRequestContext
    public PatchOutcome applyPatch(PatchRequest request, Publisher publisher, ProgressListener progress) {
        long id = history.open(request.repo(), request.filePath(), request.description(), request.trigger(),
                request.jobId().orElse(null));
        PatchRun run = new PatchRun(request, id);
        Stage current = Stage.CHECKOUT;
        try {
            for (Stage stage : Stage.values()) {
                current = stage;
                progress.started(stage);
                long t0 = System.nanoTime();
                String summary = runStage(stage, run, publisher);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                run.timings.put(stage, ms);
                progress.finished(stage, ms, summary);
            }
            boolean kept = run.decision.kept();
            return new PatchOutcome(id, kept ? PatchOutcome.Status.KEPT : PatchOutcome.Status.REVERTED, run.decision,
                    kept ? "kept on branch " + run.worktree.branch() : "reverted: " + String.join("; ", run.decision.reasons()),
                    kept ? Optional.of(run.worktree.branch()) : Optional.empty(), Optional.ofNullable(run.headSha),
                    run.published, Optional.empty(), Optional.empty(), run.timings);
        } catch (Exception e) {
            StageFailure f = FailureClassifier.classify(current.label, e);
            progress.failed(current, f.getMessage());
            return failed(run, current, f, publisher);
        } finally {
            if (run.worktree != null) {
                run.worktree.close();
            }
        }
    }

    private String runStage(Stage stage, PatchRun run, Publisher publisher) throws Exception {
        return switch (stage) {
            case CHECKOUT -> checkout(run);
            case CONTEXT -> context(run);
            case GENERATE -> generate(run);
            case GUARD -> guard(run);
            case APPLY -> apply(run);
            case EVALUATE -> evaluate.evaluate(run);
            case PREDICT -> predict(run);
            case DECIDE -> decide(run);
            case RECORD -> RecordPatch.record(history, memory, run);
            case PUBLISH -> publish(run, publisher);
        };
    }

    private String checkout(PatchRun run) throws IOException {
        PatchRequest r = run.request;
        run.language = Language.of(r.filePath()).orElseThrow(() -> new StageFailure(FailureKind.BAD_INPUT,
                "unsupported file type: " + r.filePath() + " (Python, Java and JavaScript files are supported)"));
        try {
            // A queued job keeps its branch across retries and restarts, so a re-run never opens a second PR.
            String branch = r.branch().orElseGet(() -> Workspaces.branchName(r.jobId().orElse(run.patchId), r.description()));
            run.worktree = workspaces.open(r.remote(), r.baseRef(), branch, r.filePath());
        } catch (Workspaces.SourceException e) {
            throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
        }
        try {
            run.config = new RepoConfigReader(config.sandbox()).read(run.worktree.dir());
        } catch (RepoConfigException e) {
            throw new StageFailure(FailureKind.BAD_INPUT, e.getMessage());
        }
        if (!SafetyMonitor.writable(run.config, r.filePath())) {
            throw new StageFailure(FailureKind.BAD_INPUT, "the repo config does not let Selfcode write "
                    + r.filePath() + " (paths: " + run.config.paths() + ")");
        }
        run.threshold = r.threshold().or(run.config::threshold).orElse(config.threshold());
        run.original = run.worktree.read(r.filePath());
        if (r.afterChunk().isPresent()) {
            String name = r.afterChunk().get();
            List<Chunk> chunks = Chunker.chunk(r.filePath(), run.language, run.original);
            run.afterChunk = chunks.stream().filter(c -> name.equals(c.symbol())).findFirst();
            if (run.afterChunk.isEmpty()) {
                throw new StageFailure(FailureKind.BAD_INPUT, "no chunk named '" + name + "' in " + r.filePath()
                        + "; chunks: " + String.join(", ", chunks.stream().map(Chunk::symbol).filter(s -> s != null).toList()));
            }
        }
        return "base " + run.worktree.baseSha().substring(0, 8) + ", branch " + run.worktree.branch()
                + (run.config.inferred() ? ", no " + dev.selfcode.config.RepoConfig.PATH + " (inferred defaults)" : "");
    }

    private String context(PatchRun run) throws IOException {
        codeIndex.index(run.request.repo(), run.worktree.baseSha(), run.worktree.dir());
        run.snippets = codeIndex.suggestSnippets(run.request.repo(), run.request.description() + " " + run.request.filePath(),
                Optional.empty(), 5);
        return run.snippets.size() + " related snippet(s)";
    }

    private String generate(PatchRun run) {
        List<GenerationRequest.Snippet> snippets = run.snippets.stream()
                .map(c -> new GenerationRequest.Snippet(c.path(), c.startLine(), c.content())).toList();
        String content = run.original.length() > MAX_CONTEXT_CHARS ? run.original.substring(0, MAX_CONTEXT_CHARS)
                + "\n... (truncated)" : run.original;
        List<String> notes = new ArrayList<>();
        for (PatchAttempt past : history.newest(run.request.repo(), 5)) {
            if (past.id != run.patchId && past.reasons != null && PatchAttempt.REVERT.equals(past.decision)) {
                notes.add("An earlier attempt \"" + past.description + "\" was reverted: " + past.reasons);
            }
        }
        for (GptMemory.Match m : memory.similar(run.request.repo(), run.request.description(), 3)) {
            if (m.interaction().outcome != null) {
                notes.add("A similar earlier request was " + m.interaction().outcome.toLowerCase(Locale.ROOT)
                        + " (patch " + m.interaction().patchId + ").");
            }
        }
        var request = new GenerationRequest(run.request.description(), run.request.filePath(), run.language.id, content,
                snippets, notes, run.request.repo());
        run.generated = generators.select(run.request.generator()).generate(request);
        if (run.generated.interactionId() != null) {
            memory.linkToPatch(run.generated.interactionId(), run.patchId);
        }
        return run.generated.generator() + " (" + run.generated.model() + ", "
                + (run.generated.promptTokens() + run.generated.completionTokens()) + " tokens), "
                + run.generated.code().lines().count() + " lines";
    }

    private String guard(PatchRun run) throws IOException {
        List<String> problems = new ArrayList<>(safety.checkHelper(run.generated.code(), run.language));
        if (problems.isEmpty()) {
            try {
                run.patched = PatchApplier.apply(run.original, run.generated.code(), run.language, run.afterChunk);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(safety.checkSyntax(run.request.filePath(), run.patched, run.language));
        }
        if (!problems.isEmpty()) {
            throw new StageFailure(FailureKind.REJECTED, "guard: " + String.join("; ", problems), run.generated.code(), null);
        }
        return "syntax ok, no forbidden calls or secrets";
    }

    private String apply(PatchRun run) throws IOException {
        run.worktree.write(run.request.filePath(), run.patched);
        run.diff = run.worktree.diff();
        long added = run.diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
        return "+" + added + " line(s) in " + run.request.filePath()
                + run.afterChunk.map(c -> " after " + c.symbol()).orElse("");
    }

    private String predict(PatchRun run) {
        List<Metrics> trend = history.trend(run.request.repo(), TrendPredictor.WINDOW);
        run.prediction = predictor.predict(trend, run.candidateMetrics);
        return run.prediction.roi().isPresent()
                ? String.format(Locale.ROOT, "next roi %.3f, next errors %.3f from %d sample(s)",
                        run.prediction.roi().getAsDouble(), run.prediction.errors().getAsDouble(),
                        run.prediction.historyPoints())
                : "no prediction (" + run.prediction.historyPoints() + " recorded sample(s), 2 needed)";
    }

    private String decide(PatchRun run) {
        run.decision = PatchPolicy.decide(run.baseMetrics, run.candidateMetrics, run.prediction, run.threshold);
        return run.decision.kept() ? "KEEP" : "REVERT: " + String.join("; ", run.decision.reasons());
    }

    private String publish(PatchRun run, Publisher publisher) throws IOException {
        if (!run.decision.kept()) {
            publisher.revert(run);
            return "reverted; the repository is unchanged";
        }
        run.headSha = run.worktree.commit("selfcode: " + run.request.description() + "\n\nPatch #" + run.patchId
                + ", kept by Selfcode after evaluation.\n\n" + DecisionTable.text(run.decision), AUTHOR);
        history.update(run.patchId, a -> {
            a.headSha = run.headSha;
            a.branch = run.worktree.branch();
        });
        run.published = publisher.keep(run);
        return run.published.orElse("committed " + run.headSha.substring(0, 8) + " on " + run.worktree.branch());
    }

    private PatchOutcome failed(PatchRun run, Stage stage, StageFailure f, Publisher publisher) {
        PatchOutcome.Status status = PatchOutcome.statusOf(f.kind());
        Decision decision = Decision.rejected(f.getMessage());
        if (run.decision == null) {
            run.decision = decision;
        }
        try {
            RecordPatch.failure(history, memory, run, stage, f);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the failure of patch %d", run.patchId);
        }
        if (f.kind() == FailureKind.REJECTED && run.worktree != null) {
            try {
                publisher.revert(run);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "could not publish the rejection of patch %d", run.patchId);
            }
        }
        return new PatchOutcome(run.patchId, status, decision, stage.label + ": " + f.getMessage(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(stage), Optional.of(f.kind()), run.timings);
    }
}
