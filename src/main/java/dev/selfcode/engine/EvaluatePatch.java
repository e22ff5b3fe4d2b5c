package dev.selfcode.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.metrics.BaselineCache;
import dev.selfcode.metrics.FlakeHistory;
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
    @Inject
    FlakeHistory flakes;
    @Inject
    LearnedSetup learnedSetup;

    /**
     * Both evaluations and the metrics compared; {@code baselineCached} when the base was not run again;
     * {@code flakyIgnored} the flaky tests that failed on either side and are left out of both sides' metrics;
     * {@code sampledBase} the base as its metric sample counts it ({@link #sampled}).
     */
    record Evaluated(Evaluation baseline, boolean baselineCached, Evaluation candidate, Metrics baseMetrics,
            Metrics candidateMetrics, List<String> flakyIgnored, Evaluation sampledBase) {

        String summary() {
            return "base " + EvaluatePatch.summary(baseline) + (baselineCached ? " (cached)" : "") + "; candidate "
                    + EvaluatePatch.summary(candidate) + SameTestIds.skipped(baseline, candidate)
                    + (flakyIgnored.isEmpty() ? "" : "; " + flakyIgnored.size() + " flaky ignored");
        }
    }

    /** A usable baseline, and whether it came from the cache. */
    record Baseline(Evaluation evaluation, boolean cached) {
    }

    Evaluated run(String repo, CheckOut.CheckedOut tree, ApplyHelper.Applied applied) throws IOException {
        return candidate(repo, tree, baseline(repo, tree, applied));
    }

    /** The base of the tree, from the cache or measured on the base content (the patched file is then put back). */
    Baseline baseline(String repo, CheckOut.CheckedOut tree, ApplyHelper.Applied applied) throws IOException {
        String sha = tree.worktree().baseSha();
        Optional<Evaluation> cached = cache.find(repo, sha, tree.config());
        if (cached.isPresent()) {
            return new Baseline(cached.get(), true);
        }
        // The worktree already holds the patched file: measure the base content, then put the patch back.
        tree.worktree().write(tree.filePath(), tree.original());
        try {
            return new Baseline(measureBase(repo, sha, tree.worktree().dir(), tree.config()), false);
        } finally {
            tree.worktree().write(tree.filePath(), applied.patched());
        }
    }

    /**
     * The candidate now in the worktree, measured and compared with {@code base}: each repair try is measured
     * against the same baseline as the first, never a new one.
     */
    Evaluated candidate(String repo, CheckOut.CheckedOut tree, Baseline base) {
        Evaluation baseline = base.evaluation();
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
        Set<String> flakyNow = flakes.flaky(repo);
        List<String> flaky = flakyFailing(flakyNow, baseline, candidate);
        Evaluation ignoring = baseline.ignoring(Set.copyOf(flaky));
        return new Evaluated(baseline, base.cached(), candidate, Metrics.of(ignoring, ignoring, source),
                Metrics.of(candidate.ignoring(Set.copyOf(flaky)), ignoring, source), flaky,
                baseline.passedOnRerun(flakyNow));
    }

    /**
     * A base evaluation as its metric sample counts it: a failing test that passed on the re-run counts as passed
     * when the repository's history calls it flaky; otherwise the first run stands (one flake is not yet a pattern).
     */
    Evaluation sampled(String repo, Evaluation base) {
        return base.rerunPassed().isEmpty() ? base : base.passedOnRerun(flakes.flaky(repo));
    }

    /**
     * The repository's flaky tests (by its base runs) that failed in the base or the candidate: left out of both
     * sides, so that a flaky failure is neither charged to the candidate nor credited to it. The candidate's own
     * re-run does not exist: a test it makes fail counts, however it behaves when run again.
     */
    private static List<String> flakyFailing(Set<String> flaky, Evaluation baseline, Evaluation candidate) {
        TreeSet<String> failing = new TreeSet<>(baseline.failingIds());
        failing.addAll(candidate.failingIds());
        failing.retainAll(flaky);
        return List.copyOf(failing);
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
        // Failing tests run once more: those that pass then add to the repository's flake history.
        Evaluation measured = sandbox.evaluateBase(dir, config);
        learnedSetup.afterBase(repo, dir, config, measured);
        if (!measured.usable()) {
            throw UnusableEvaluation.ofBase(measured, config, outputLimit());
        }
        cache.store(repo, sha, config, measured);
        flakes.record(repo, sha, measured);
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
