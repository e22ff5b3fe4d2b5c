package dev.selfcode.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.metrics.BaselineCache;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Sandbox;

/**
 * The evaluate stage: the baseline (from the cache, or measured on the base content) and the candidate, each in the
 * sandbox. A base that cannot be measured is its own outcome, not a verdict on the patch; a candidate that cannot be
 * measured is rejected outright. Either way the failure carries its {@link Explanation} ({@link UnusableEvaluation}
 * holds the rule of whose fault it is).
 */
@ApplicationScoped
class EvaluatePatch {

    @Inject
    Sandbox sandbox;
    @Inject
    BaselineCache cache;
    @Inject
    SelfcodeConfig settings;

    /** Both evaluations and the metrics compared; {@code baselineCached} when the base was not run again. */
    record Evaluated(Evaluation baseline, boolean baselineCached, Evaluation candidate, Metrics baseMetrics,
            Metrics candidateMetrics) {

        String summary() {
            return "base " + EvaluatePatch.summary(baseline) + (baselineCached ? " (cached)" : "") + "; candidate "
                    + EvaluatePatch.summary(candidate) + SameTestIds.skipped(baseline, candidate);
        }
    }

    /** A usable baseline, and whether it came from the cache. */
    record Baseline(Evaluation evaluation, boolean cached) {
    }

    Evaluated run(String repo, CheckOut.CheckedOut tree, ApplyHelper.Applied applied) throws IOException {
        String sha = tree.worktree().baseSha();
        Optional<Evaluation> cached = cache.find(repo, sha, tree.config());
        Evaluation baseline;
        if (cached.isPresent()) {
            baseline = cached.get();
        } else {
            // The worktree already holds the patched file: measure the base content, then put the patch back.
            tree.worktree().write(tree.filePath(), tree.original());
            try {
                baseline = measureBase(repo, sha, tree.worktree().dir(), tree.config());
            } finally {
                tree.worktree().write(tree.filePath(), applied.patched());
            }
        }
        Evaluation candidate = sandbox.evaluate(tree.worktree().dir(), tree.config());
        if (!candidate.usable()) {
            throw UnusableEvaluation.ofCandidate(candidate, tree.config(), outputLimit());
        }
        Optional<String> otherTests = SameTestIds.problem(tree.filePath(), baseline, candidate);
        if (otherTests.isPresent()) {
            throw new StageFailure(FailureKind.REJECTED, otherTests.get(), candidate.logTail(), null);
        }
        // Both sides use the roi source they share: a candidate whose coverage report vanished is compared
        // on passed tests, not its test count against the base's coverage percentage.
        Metrics.RoiSource source = Metrics.commonSource(baseline, candidate);
        return new Evaluated(baseline, cached.isPresent(), candidate, Metrics.of(baseline, baseline, source),
                Metrics.of(candidate, baseline, source));
    }

    /**
     * The baseline of commit {@code sha} whose content is in {@code dir}: from the cache, or measured and cached.
     *
     * @throws UnusableEvaluation when the base cannot be measured
     */
    Baseline baseline(String repo, String sha, Path dir, RepoConfig config) {
        Optional<Evaluation> cached = cache.find(repo, sha, config);
        return cached.isPresent()
                ? new Baseline(cached.get(), true)
                : new Baseline(measureBase(repo, sha, dir, config), false);
    }

    private Evaluation measureBase(String repo, String sha, Path dir, RepoConfig config) {
        Evaluation measured = sandbox.evaluate(dir, config);
        if (!measured.usable()) {
            throw UnusableEvaluation.ofBase(measured, config, outputLimit());
        }
        cache.store(repo, sha, config, measured);
        return measured;
    }

    private int outputLimit() {
        return settings.sandbox().outputLimit();
    }

    static String summary(Evaluation e) {
        return e.passed() + " passed, " + (e.failed() + e.errored()) + " failed"
                + e.coverage().map(c -> String.format(java.util.Locale.ROOT, ", coverage %.1f%%", c)).orElse("")
                + (e.lintFindings() > 0 ? ", " + e.lintFindings() + " lint" : "");
    }
}
