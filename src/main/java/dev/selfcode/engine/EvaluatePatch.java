package dev.selfcode.engine;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.metrics.BaselineCache;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Sandbox;

/**
 * The evaluate stage: the baseline (from the cache, or measured on the base content) and the candidate,
 * each in the sandbox. A base that cannot be measured is the repository's problem (bad input); a
 * candidate that cannot be measured is rejected outright.
 */
@ApplicationScoped
class EvaluatePatch {

    @Inject
    Sandbox sandbox;
    @Inject
    BaselineCache cache;

    /** Both evaluations and the metrics compared; {@code baselineCached} when the base was not run again. */
    record Evaluated(Evaluation baseline, boolean baselineCached, Evaluation candidate, Metrics baseMetrics,
            Metrics candidateMetrics) {

        String summary() {
            return "base " + EvaluatePatch.summary(baseline) + (baselineCached ? " (cached)" : "") + "; candidate "
                    + EvaluatePatch.summary(candidate) + SameTestIds.skipped(baseline, candidate);
        }
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
                baseline = sandbox.evaluate(tree.worktree().dir(), tree.config());
            } finally {
                tree.worktree().write(tree.filePath(), applied.patched());
            }
            if (!baseline.usable()) {
                throw new StageFailure(FailureKind.BAD_INPUT, baseProblem(baseline), baseline.logTail(), null);
            }
            cache.store(repo, sha, tree.config(), baseline);
        }
        Evaluation candidate = sandbox.evaluate(tree.worktree().dir(), tree.config());
        if (!candidate.usable()) {
            throw new StageFailure(FailureKind.REJECTED, candidateProblem(candidate), candidate.logTail(), null);
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

    private static String summary(Evaluation e) {
        return e.passed() + " passed, " + (e.failed() + e.errored()) + " failed"
                + e.coverage().map(c -> String.format(java.util.Locale.ROOT, ", coverage %.1f%%", c)).orElse("")
                + (e.lintFindings() > 0 ? ", " + e.lintFindings() + " lint" : "");
    }

    private static String baseProblem(Evaluation e) {
        return switch (e.status()) {
            case NO_TESTS -> "the repository has no tests: the base commit's test step ran no test";
            case TIMEOUT -> "the base commit's checks did not finish within the time limit";
            case BUILD_FAILED -> "the base commit's checks do not build or run (exit codes " + e.exitCodes() + ")";
            default -> "the base commit could not be measured in the sandbox (" + e.status() + ")";
        };
    }

    private static String candidateProblem(Evaluation e) {
        return switch (e.status()) {
            case TIMEOUT -> "the candidate's checks ran past the time limit and were killed";
            case BUILD_FAILED -> "the candidate does not build or its tests cannot run (exit codes " + e.exitCodes() + ")";
            case NO_TESTS -> "the candidate's test step ran no test";
            default -> "the candidate could not be measured in the sandbox (" + e.status() + ")";
        };
    }
}
