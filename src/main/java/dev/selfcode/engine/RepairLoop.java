package dev.selfcode.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.Refusal;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.llm.CodeGenerator;
import dev.selfcode.llm.CodeGenerators;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.GenerationRequest;
import dev.selfcode.llm.RepairRequest;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.memory.MemoryStore;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchTries;

/**
 * The evaluate stage with repairs: the candidate is measured; when it fails to build, fails tests that pass on the
 * base, or adds lint findings, the model gets the failed code and what its run printed, and up to
 * {@code repair_attempts} more tries. Each try is generated, guarded, applied and measured like the first, against the
 * same baseline (measured once), and recorded as its own {@code patch_try} row. The last try is what the decision is
 * on, never the best of them: a later try that is worse is not rescued by an earlier one. All tries are one patch for
 * the budgets; their tokens add up, and a spent token budget stops the loop. The template generator does not repair.
 */
@ApplicationScoped
class RepairLoop {

    private static final Logger LOG = Logger.getLogger(RepairLoop.class);

    @Inject
    EvaluatePatch evaluate;
    @Inject
    GuardHelper guard;
    @Inject
    CodeGenerators generators;
    @Inject
    GptMemory memory;
    @Inject
    PatchTries records;
    @Inject
    MemoryStore notes;
    @Inject
    Guardrails guardrails;
    @Inject
    SelfcodeConfig settings;

    /** The tries of one request so far: what each cost and how it ended, and the last try's code and diff. */
    static final class Tries {

        private final List<PatchTries.Try> done = new ArrayList<>();
        private GeneratedCode code;
        private ApplyHelper.Applied applied;
        private int max = 1;
        private String stopped = "";

        GeneratedCode code() {
            return code;
        }

        ApplyHelper.Applied applied() {
            return applied;
        }

        int count() {
            return done.size();
        }

        List<PatchTries.Try> done() {
            return List.copyOf(done);
        }

        /** Tokens of every try together: all tries are one patch, and each cost what it cost. */
        int promptTokens() {
            return done.stream().mapToInt(PatchTries.Try::promptTokens).sum();
        }

        int completionTokens() {
            return done.stream().mapToInt(PatchTries.Try::completionTokens).sum();
        }

        Decision.Tried tried() {
            return new Decision.Tried(Math.max(1, count()), max, stopped);
        }
    }

    /** Why a try failed its checks, in Selfcode's words, and what its run printed (untrusted). */
    record Failed(String reason, String output) {
    }

    /** Starts the record of a request's tries with its first candidate (generated, guarded and applied). */
    static Tries first(GeneratedCode code, ApplyHelper.Applied applied) {
        Tries tries = new Tries();
        tries.code = code;
        tries.applied = applied;
        return tries;
    }

    /**
     * Measures the first candidate, and repairs it while it fails its checks and tries remain. The outcome is the
     * last try's measurement.
     *
     * @throws StageFailure the last try's failure: it could not be measured (REJECTED), the guard refused it, or the
     *         model could not be asked
     */
    EvaluatePatch.Evaluated run(PatchRequest request, CheckOut.CheckedOut tree, GatherContext.Context context,
            long patchId, Tries tries) throws IOException {
        CodeGenerator generator = generators.byName(tries.code.generator());
        tries.max = 1 + (generator.repairs() ? tree.config().repairAttempts() : 0);
        EvaluatePatch.Baseline baseline = evaluate.baseline(request.repo(), tree, tries.applied);
        while (true) {
            EvaluatePatch.Evaluated measured = null;
            StageFailure failure = null;
            Optional<Failed> failed;
            try {
                measured = evaluate.candidate(request.repo(), tree, baseline);
                failed = failedChecks(measured);
            } catch (StageFailure f) {
                if (f.kind() != FailureKind.REJECTED) {
                    record(patchId, tries, PatchAttempt.FAILED, f.getMessage());
                    throw f;
                }
                failure = f;
                failed = Optional.of(unusable(f));
            }
            boolean last = failed.isEmpty() || tries.count() + 1 >= tries.max || budgetSpent(request, tree, tries);
            // The last try's row is decided with the patch (RecordPatch); a try that is repaired failed its checks.
            record(patchId, tries, last && failure == null ? PatchAttempt.PENDING : PatchAttempt.REVERT,
                    failure == null ? failed.map(Failed::reason).orElse(null) : failure.getMessage());
            if (!last && repaired(request, tree, context, patchId, tries, generator, failed.get())) {
                continue;
            }
            // This try is the last: its measurement (or its failure) is what the decision is on.
            if (failure != null) {
                throw failure;
            }
            return measured;
        }
    }

    /**
     * Asks for a repair until one passes the guard and is applied (true), or tries run out (the last refusal is
     * thrown). A refused repair is a try of its own: recorded, and its problems are what the next repair is told. When
     * no repair comes back (an outage, an answer without code) the loop stops (false): the try before stands.
     */
    private boolean repaired(PatchRequest request, CheckOut.CheckedOut tree, GatherContext.Context context,
            long patchId, Tries tries, CodeGenerator generator, Failed failed) throws IOException {
        Failed why = failed;
        StageFailure refusedBefore = null;
        while (true) {
            GeneratedCode code;
            try {
                GenerationRequest prompt = GenerateHelper.prompt(request, tree, context);
                code = generator.repair(new RepairRequest(prompt,
                        tree.replaced().map(span -> GenerateHelper.rewrite(prompt, span, tree.original())),
                        tries.code.code(), why.reason(), why.output(), tries.count(), tries.max));
            } catch (StageFailure f) {
                // The call is in gpt_interaction (and counts for the budget); it made no try.
                tries.stopped = "no repair came back: " + f.getMessage();
                LOG.infof("repairs of patch %d stopped: %s", patchId, f.getMessage());
                if (refusedBefore != null) {
                    throw refusedBefore;
                }
                return false;
            }
            if (code.interactionId() != null) {
                memory.linkToPatch(code.interactionId(), patchId);
            }
            tries.code = code;
            try {
                guard.check(tree, code);
                tries.applied = ApplyHelper.apply(tree, code);
                return true;
            } catch (StageFailure refused) {
                boolean last = tries.count() + 1 >= tries.max || budgetSpent(request, tree, tries);
                record(patchId, tries, PatchAttempt.REVERT, refused.getMessage());
                if (last) {
                    throw refused;
                }
                refusedBefore = refused;
                why = new Failed("the guard refused it before it ran: " + refused.getMessage(), "");
            }
        }
    }

    /** Adds the try now finished (the current code) as the next row. */
    private void record(long patchId, Tries tries, String decision, String reasons) {
        GeneratedCode code = tries.code;
        PatchTries.Try t = new PatchTries.Try(tries.count() + 1, code == null ? null : code.interactionId(),
                code == null ? null : code.generator(), decision, reasons, code == null ? 0 : code.promptTokens(),
                code == null ? 0 : code.completionTokens());
        tries.done.add(t);
        records.add(patchId, t);
    }

    /** Whether the repo's token budget is spent: then no repair is asked for, and the tries say why. */
    private boolean budgetSpent(PatchRequest request, CheckOut.CheckedOut tree, Tries tries) {
        RepoLimits limits = RepoLimits.of(settings.guardrails(), tree.config().guardrails());
        Optional<Refusal> refusal = guardrails.tokensSpent(request.repo(), limits);
        refusal.ifPresent(r -> tries.stopped = r.line());
        return refusal.isPresent();
    }

    /**
     * Why a measured candidate needs a repair: tests that pass on the base fail (flaky ones aside), or it adds lint
     * findings. Empty when neither.
     */
    static Optional<Failed> failedChecks(EvaluatePatch.Evaluated e) {
        var candidate = e.candidate();
        var base = e.baseline();
        List<String> reasons = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        List<String> newlyFailing = candidate.failingIds().stream()
                .filter(id -> !base.failingIds().contains(id) && !e.flakyIgnored().contains(id)).toList();
        int failingMore = candidate.failingIds().isEmpty() && base.failingIds().isEmpty()
                ? candidate.failed() + candidate.errored() - base.failed() - base.errored()
                : newlyFailing.size();
        if (failingMore > 0) {
            reasons.add(failingMore + (failingMore == 1 ? " test that passes" : " tests that pass")
                    + " on the base fail" + (failingMore == 1 ? "s" : "") + " with the candidate");
            if (!newlyFailing.isEmpty()) {
                output.append("failing tests: ").append(String.join(", ", newlyFailing)).append("\n");
            }
            output.append(stepOutput(candidate.logTail(), "test"));
        }
        if (candidate.lintFindings() > base.lintFindings()) {
            int added = candidate.lintFindings() - base.lintFindings();
            reasons.add("the candidate adds " + added + " lint finding" + (added == 1 ? "" : "s") + " (base "
                    + base.lintFindings() + ", candidate " + candidate.lintFindings() + ")");
            output.append(output.isEmpty() ? "" : "\n").append(stepOutput(candidate.logTail(), "lint"));
        }
        return reasons.isEmpty()
                ? Optional.empty()
                : Optional.of(new Failed(String.join("; ", reasons),
                        output.toString()));
    }

    /** A candidate that could not be measured (it does not build, its run broke): the failing step's output. */
    static Failed unusable(StageFailure f) {
        if (f instanceof UnusableEvaluation u) {
            var e = u.evaluation();
            String step = FailingStepExcerpt.of(e.logTail(), e.exitCodes()).step();
            String output = step.isEmpty() ? "" : FailingStepExcerpt.stepOutput(e.logTail(), step);
            return new Failed(f.getMessage(), output.isBlank() ? e.logTail() : output);
        }
        return new Failed(f.getMessage(), f.detail() == null ? "" : f.detail());
    }

    private static String stepOutput(String logTail, String step) {
        String own = FailingStepExcerpt.stepOutput(logTail, step);
        return own.isBlank() ? (logTail == null ? "" : logTail) : own;
    }

    /**
     * What a kept repair teaches the next patch on the repository: a versioned note per file (each write of the key adds
     * a version, so the newest repair of a file is the one the prompt shows).
     */
    void learned(String repo, String filePath, Tries tries, Decision decision) {
        if (decision.kept() && tries.count() > 1) {
            notes.write(repo, "repair:" + filePath, GptMemory.ERROR_FIX, note(filePath, tries));
        }
    }

    /** The note a kept repair leaves: what failed first, and that a repair fixed it. */
    static String note(String filePath, Tries tries) {
        return "A candidate for " + filePath + " first failed its checks (" + tries.done().get(0).reasons()
                + ") and was kept after " + (tries.count() - 1) + (tries.count() == 2 ? " repair." : " repairs.");
    }
}
