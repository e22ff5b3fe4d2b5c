package dev.selfcode.engine;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.selfcode.failure.FailureClassifier;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/**
 * Applies one patch: checkout, context, generate, guard, apply, evaluate (with repairs), predict, decide, record,
 * publish. Each stage is its own class with an input and an output; this class runs them in order, times them, reports progress,
 * and turns any failure, through the one classifier, into a recorded {@link PatchOutcome}.
 */
@ApplicationScoped
public class SelfCodingEngine {

    private static final Logger LOG = Logger.getLogger(SelfCodingEngine.class);

    @Inject
    PatchHistory history;
    @Inject
    CheckOut checkOut;
    @Inject
    GatherContext gatherContext;
    @Inject
    GenerateHelper generate;
    @Inject
    GuardHelper guard;
    @Inject
    RepairLoop repair;
    @Inject
    PredictTrend predict;
    @Inject
    RecordPatch record;

    /** Runs every stage; the request context lets stages read entities from any thread (CLI, worker). */
    @ActivateRequestContext
    public PatchOutcome applyPatch(PatchRequest request, Publisher publisher, ProgressListener progress) {
        long id = history.open(request.repo(), request.targetFile().orElse(""), request.description(),
                request.trigger(), request.jobId().orElse(null));
        StageClock clock = new StageClock(progress);
        PatchReport report = PatchReport.start(request, id);
        try {
            CheckOut.CheckedOut tree = clock.run(Stage.CHECKOUT, () -> checkOut.run(request, id), CheckOut.CheckedOut::summary);
            report = report.checkedOut(tree);
            GatherContext.Context context = clock.run(Stage.CONTEXT, () -> gatherContext.run(request, tree, id),
                    GatherContext.Context::summary);
            GeneratedCode code = clock.run(Stage.GENERATE, () -> generate.run(request, tree, context, id),
                    GenerateHelper::summary);
            report = report.generated(code);
            clock.run(Stage.GUARD, () -> guard.check(tree, code), String::valueOf);
            ApplyHelper.Applied applied = clock.run(Stage.APPLY, () -> ApplyHelper.apply(tree, code), a -> a.summary(tree));
            report = report.applied(applied);
            RepairLoop.Tries tries = RepairLoop.first(code, applied);
            report = report.tried(tries);
            EvaluatePatch.Evaluated measured;
            try {
                measured = clock.run(Stage.EVALUATE, () -> repair.run(request, tree, context, id, tries),
                        e -> e.summary() + (tries.count() > 1 ? "; " + tries.count() + " tries" : ""));
            } finally {
                report = report.tried(tries);
            }
            Prediction prediction = clock.run(Stage.PREDICT, () -> predict.run(request.repo(), measured.candidateMetrics()),
                    PredictTrend::summary);
            Decision decision = clock.run(Stage.DECIDE, () -> PatchPolicy.decide(measured.baseMetrics(),
                    measured.candidateMetrics(), prediction, tree.threshold()).countedBy(tree.config().counting())
                    .ignoring(measured.flakyIgnored()).tried(tries.tried()),
                    PatchPolicy::summary);
            PatchReport decided = report.decided(measured, prediction, decision).timed(clock.timings());
            report = decided;
            clock.run(Stage.RECORD, () -> record.run(decided), String::valueOf);
            PublishPatch.Published published = clock.run(Stage.PUBLISH, () -> PublishPatch.run(decided, publisher),
                    PublishPatch.Published::summary);
            report = published.report().timed(clock.timings());
            record.published(report);
            repair.learned(request.repo(), tree.filePath(), tries, decision);
            return finished(report, decision, published.shown());
        } catch (Exception e) {
            StageFailure f = FailureClassifier.classify(clock.current().label, e);
            progress.failed(clock.current(), f.getMessage());
            return failed(report.timed(clock.timings()), clock.current(), f, publisher);
        } finally {
            report.worktree().ifPresent(w -> w.close());
        }
    }

    private static PatchOutcome finished(PatchReport report, Decision decision, Optional<String> shown) {
        boolean kept = decision.kept();
        String branch = report.worktree().orElseThrow().branch();
        return new PatchOutcome(report.patchId(), kept ? PatchOutcome.Status.KEPT : PatchOutcome.Status.REVERTED,
                decision, kept ? "kept on branch " + branch : "reverted: " + String.join("; ", decision.reasons()),
                kept ? Optional.of(branch) : Optional.empty(), report.headSha(), shown, Optional.empty(),
                Optional.empty(), report.timings()).withGenerated(report.generated());
    }

    private PatchOutcome failed(PatchReport report, Stage stage, StageFailure f, Publisher publisher) {
        PatchOutcome outcome = PatchOutcome.failed(report.patchId(), stage, f, report.timings())
                .withGenerated(report.generated());
        try {
            record.failure(report, stage, f);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not record the failure of patch %d", report.patchId());
        }
        if (f.kind() == FailureKind.REJECTED && report.worktree().isPresent()) {
            try {
                publisher.revert(report.rejected(outcome.decision(), outcome.why()));
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "could not publish the rejection of patch %d", report.patchId());
            }
        }
        return outcome;
    }
}
