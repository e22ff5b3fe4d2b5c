package dev.selfcode.engine;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.failure.FailureClassifier;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.workspace.GitRemote;

/**
 * Measures one commit exactly as the base of a patch is measured: the checkout stage's worktree and repo config, the
 * evaluate stage's baseline (cached per commit and config), and the record stage's metric sample. No patch, no
 * decision: {@code selfcode measure} and the corpus benchmark use it.
 */
@ApplicationScoped
public class MeasureBase {

    static final String BRANCH = "selfcode/measure";

    @Inject
    CheckOut checkOut;
    @Inject
    EvaluatePatch evaluate;
    @Inject
    PatchHistory history;

    /**
     * What measuring a commit found.
     *
     * @param sha        the measured commit, empty when checkout failed
     * @param runner     the test runner, as read from the test command ("pytest", "maven", "npm test"), empty before
     *                   the config was read
     * @param evaluation the measurement (partial when unusable), empty when nothing ran
     * @param cached     true when an earlier measurement of this commit and config was reused
     * @param metrics    roi, errors and complexity, when measured
     * @param failure    why it was not measured: its kind decides the exit code
     * @param why        the cause, the limit hit and the failing step's lines, when the checks ran but were unusable
     * @param config     the commit's repo config, once read
     */
    public record Measurement(Optional<String> sha, String runner, Optional<Evaluation> evaluation, boolean cached,
            Optional<Metrics> metrics, Optional<StageFailure> failure, Optional<Explanation> why,
            Optional<RepoConfig> config) {

        public boolean measured() {
            return failure.isEmpty();
        }

        /** OK when measured, else the evaluation's status, else the failure's kind (BAD_INPUT, TRANSIENT, ...). */
        public String status() {
            return evaluation.map(e -> e.status().name())
                    .orElseGet(() -> failure.map(f -> f.kind().name()).orElse("OK"));
        }

        /** Empty when measured; else the cause in words (without the "base branch" prefix: there is no patch). */
        public String cause() {
            return why.map(Explanation::cause).orElseGet(() -> failure.map(StageFailure::getMessage).orElse(""));
        }

        /** 0 measured (whatever the tests' verdict), 2 the user's input is at fault, 1 anything else. */
        public int exitCode() {
            if (measured()) {
                return 0;
            }
            return failure.get().kind() == FailureKind.BAD_INPUT ? 2 : 1;
        }
    }

    /**
     * Measures {@code ref} (default HEAD) of {@code remote}, recorded under {@code repo}.
     *
     * @param started told the commit and runner once checked out, before the checks run
     */
    @ActivateRequestContext
    public Measurement run(String repo, GitRemote remote, Optional<String> ref, Consumer<Measurement> started) {
        CheckOut.Base base;
        try {
            base = checkOut.base(remote, ref, BRANCH);
        } catch (Exception e) {
            return failed(Optional.empty(), "", FailureClassifier.classify("check out", e));
        }
        try (var tree = base.worktree()) {
            String sha = tree.baseSha();
            String runner = runner(base.config());
            Optional<RepoConfig> config = Optional.of(base.config());
            started.accept(new Measurement(Optional.of(sha), runner, Optional.empty(), false, Optional.empty(),
                    Optional.empty(), Optional.empty(), config));
            try {
                EvaluatePatch.Baseline measured = evaluate.baseline(repo, sha, tree.dir(), base.config());
                Evaluation e = measured.evaluation();
                Evaluation sampled = evaluate.sampled(repo, e);
                Metrics metrics = Metrics.of(sampled, sampled);
                history.sample(repo, sha, metrics, sampled);
                return new Measurement(Optional.of(sha), runner, Optional.of(e), measured.cached(),
                        Optional.of(metrics), Optional.empty(), Optional.empty(), config);
            } catch (UnusableEvaluation u) {
                return new Measurement(Optional.of(sha), runner, Optional.of(u.evaluation()), false, Optional.empty(),
                        Optional.of(u), Optional.of(u.explanation()), config);
            } catch (RuntimeException e) {
                return failed(Optional.of(sha), runner, FailureClassifier.classify("evaluate", e));
            }
        }
    }

    private static Measurement failed(Optional<String> sha, String runner, StageFailure f) {
        return new Measurement(sha, runner, Optional.empty(), false, Optional.empty(), Optional.of(f),
                Optional.empty(), Optional.empty());
    }

    /** The runner a test command starts, by the first known name in it, else its first word. */
    static String runner(RepoConfig config) {
        String test = config.test() == null ? "" : config.test();
        String[][] known = {{"pytest", "pytest"}, {"unittest", "unittest"}, {"mvn", "maven"}, {"mvnw", "maven"},
                {"gradle", "gradle"}, {"vitest", "vitest"}, {"jest", "jest"}, {"mocha", "mocha"}, {"uvu", "uvu"},
                {"tape", "tape"}, {"ava", "ava"}, {"node --test", "node:test"}, {"npm test", "npm test"},
                {"npm run", "npm"}};
        for (String[] k : known) {
            if (java.util.regex.Pattern.compile("(^|[\\s/])" + java.util.regex.Pattern.quote(k[0]) + "(\\s|$)")
                    .matcher(test).find()) {
                return k[1];
            }
        }
        return test.strip().split("\\s+")[0];
    }
}
