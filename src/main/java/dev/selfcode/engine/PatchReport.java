package dev.selfcode.engine;

import java.util.Map;
import java.util.Optional;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.Threshold;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.metrics.TrendPredictor.Prediction;
import dev.selfcode.workspace.Worktree;

/**
 * A read-only account of one patch job so far: what each finished stage produced. Publishers and the record stage
 * read it; the engine makes a new one after each stage that adds something.
 */
public final class PatchReport {

    private final PatchRequest request;
    private final long patchId;
    private final CheckOut.CheckedOut checkout;
    private final GeneratedCode generated;
    private final ApplyHelper.Applied applied;
    private final EvaluatePatch.Evaluated evaluated;
    private final Prediction prediction;
    private final Decision decision;
    private final String headSha;
    private final Map<Stage, Long> timings;
    /** The tries of the request (the first candidate and its repairs), once evaluation began. */
    private final RepairLoop.Tries tries;
    /** Why a measurement could not be used, when that rejected the job; set by {@link #rejected}. */
    private Explanation why;

    private PatchReport(PatchRequest request, long patchId, CheckOut.CheckedOut checkout, GeneratedCode generated,
            ApplyHelper.Applied applied, EvaluatePatch.Evaluated evaluated, Prediction prediction, Decision decision,
            String headSha, Map<Stage, Long> timings, RepairLoop.Tries tries) {
        this.request = request;
        this.patchId = patchId;
        this.checkout = checkout;
        this.generated = generated;
        this.applied = applied;
        this.evaluated = evaluated;
        this.prediction = prediction;
        this.decision = decision;
        this.headSha = headSha;
        this.timings = timings;
        this.tries = tries;
    }

    static PatchReport start(PatchRequest request, long patchId) {
        return new PatchReport(request, patchId, null, null, null, null, null, null, null, Map.of(), null);
    }

    PatchReport checkedOut(CheckOut.CheckedOut c) {
        return new PatchReport(request, patchId, c, generated, applied, evaluated, prediction, decision, headSha, timings,
                tries);
    }

    PatchReport generated(GeneratedCode g) {
        return new PatchReport(request, patchId, checkout, g, applied, evaluated, prediction, decision, headSha, timings,
                tries);
    }

    PatchReport applied(ApplyHelper.Applied a) {
        return new PatchReport(request, patchId, checkout, generated, a, evaluated, prediction, decision, headSha, timings,
                tries);
    }

    /** The tries so far: the report now holds the last try's code and diff. */
    PatchReport tried(RepairLoop.Tries t) {
        return new PatchReport(request, patchId, checkout, t.code(), t.applied(), evaluated, prediction, decision, headSha,
                timings, t);
    }

    PatchReport decided(EvaluatePatch.Evaluated e, Prediction p, Decision d) {
        return new PatchReport(request, patchId, checkout, generated, applied, e, p, d, headSha, timings, tries);
    }

    /**
     * A failed job's report carries the rejection as its decision, unless a real one was reached, and why a
     * measurement could not be used, if that was the failure.
     */
    PatchReport rejected(Decision d, Optional<Explanation> explanation) {
        PatchReport r = decision != null
                ? new PatchReport(request, patchId, checkout, generated, applied, evaluated, prediction, decision,
                        headSha, timings, tries)
                : new PatchReport(request, patchId, checkout, generated, applied, evaluated, prediction, d, headSha, timings,
                        tries);
        r.why = explanation.orElse(null);
        return r;
    }

    PatchReport committed(String sha) {
        return new PatchReport(request, patchId, checkout, generated, applied, evaluated, prediction, decision, sha, timings,
                tries);
    }

    PatchReport timed(Map<Stage, Long> t) {
        return new PatchReport(request, patchId, checkout, generated, applied, evaluated, prediction, decision, headSha, t,
                tries);
    }

    public PatchRequest request() {
        return request;
    }

    public long patchId() {
        return patchId;
    }

    /** The checked-out worktree; present once checkout succeeded. */
    public Optional<Worktree> worktree() {
        return checkout().map(CheckOut.CheckedOut::worktree);
    }

    /** The repo config read at checkout; present once checkout succeeded. */
    public Optional<RepoConfig> config() {
        return checkout().map(CheckOut.CheckedOut::config);
    }

    /** The threshold the decision uses; empty before checkout resolved it. */
    public Optional<Threshold> threshold() {
        return checkout().map(CheckOut.CheckedOut::threshold);
    }

    /** The file the helper goes into: named by the request, or picked at checkout. */
    public Optional<String> filePath() {
        return checkout().map(CheckOut.CheckedOut::filePath).or(request::targetFile);
    }

    public Optional<GeneratedCode> generated() {
        return Optional.ofNullable(generated);
    }

    /** The diff of the applied helper, empty before apply. */
    public String diff() {
        return applied == null ? "" : applied.diff();
    }

    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    /** Why a measurement could not be used (cause, limit hit, the failing step's lines), when that ended the job. */
    public Optional<Explanation> why() {
        return Optional.ofNullable(why);
    }

    public Optional<Prediction> prediction() {
        return Optional.ofNullable(prediction);
    }

    /** The kept commit, once publish committed it. */
    public Optional<String> headSha() {
        return Optional.ofNullable(headSha);
    }

    /** Milliseconds per finished stage, in stage order. */
    public Map<Stage, Long> timings() {
        return timings;
    }

    /** The tries of the request, once evaluation began. */
    Optional<RepairLoop.Tries> tries() {
        return Optional.ofNullable(tries);
    }

    Optional<CheckOut.CheckedOut> checkout() {
        return Optional.ofNullable(checkout);
    }

    Optional<EvaluatePatch.Evaluated> evaluated() {
        return Optional.ofNullable(evaluated);
    }
}
