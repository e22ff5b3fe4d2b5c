package dev.selfcode.engine;

import static dev.selfcode.text.Text.fixed;
import static dev.selfcode.text.Text.signed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Sandbox;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.Worktree;

/**
 * Undoes a merged patch on a fresh branch and measures the result: a {@code git revert} of the patch's commits on
 * top of the default branch, then the default branch as it is now (the baseline, usually cached) against the branch
 * with the revert, in the sandbox. The caller pushes the branch (a pull request, or a branch in the user's
 * repository) and closes the result. Nothing is pushed or recorded here.
 */
@ApplicationScoped
public class RevertPatch {

    @Inject
    CheckOut checkOut;
    @Inject
    EvaluatePatch evaluate;
    @Inject
    Sandbox sandbox;
    @Inject
    SelfcodeConfig settings;

    /** Which commits undo the patch. */
    public sealed interface Target {
    }

    /**
     * A pull request merged on GitHub: a merge commit is reverted against its first parent, a squash is one commit,
     * and a rebase merge of several commits is found by their messages on the first-parent chain.
     *
     * @param pullCommitMessages the pull request's commit messages, oldest first
     */
    public record Merged(String mergeSha, List<String> pullCommitMessages) implements Target {
    }

    /** The patch's own commits ({@code baseSha..headSha}), as merged into a local branch. */
    public record Range(String baseSha, String headSha) implements Target {
    }

    /**
     * What reverting found; close it to delete the worktree.
     *
     * @param undone   the commits reverted, newest first
     * @param problem  why there is no measured revert (not on the branch, conflicts, unmeasurable), empty when
     *                 there is one
     * @param table    the default branch now against the revert, as Markdown (empty with a problem that stopped
     *                 before measuring)
     * @param helps    true when the revert lowers errors or raises roi
     */
    public record Reverted(Worktree worktree, List<String> undone, List<String> conflicts, Optional<String> head,
            Optional<Metrics> now, Optional<Metrics> reverted, String table, boolean helps, Optional<String> problem)
            implements
                AutoCloseable {

        public boolean measured() {
            return problem.isEmpty();
        }

        @Override
        public void close() {
            worktree.close();
        }
    }

    /**
     * Opens {@code baseRef} of {@code remote} on {@code branch}, reverts the target's commits there and measures both
     * sides. A base that does not pass its own checks, commits that are not on the branch or a revert that conflicts
     * end in a result with a problem, not an exception.
     */
    public Reverted run(String repo, GitRemote remote, Optional<String> baseRef, Target target, String branch)
            throws IOException {
        CheckOut.Base base = checkOut.base(remote, baseRef, branch);
        Worktree tree = base.worktree();
        try {
            return inside(repo, tree, base.config(), target);
        } catch (IOException | RuntimeException e) {
            tree.close();
            throw e;
        }
    }

    private Reverted inside(String repo, Worktree tree, RepoConfig config, Target target) throws IOException {
        String at = tree.baseSha().substring(0, 8);
        List<String> commits;
        if (target instanceof Range r) {
            if (!tree.reaches(r.headSha())) {
                return problem(tree, List.of(), List.of(), "commit " + r.headSha().substring(0, 8) + " of the patch"
                        + " is not on the branch at " + at + ": merge it first; there is nothing to revert yet");
            }
            commits = tree.commitsBetween(r.baseSha(), r.headSha());
        } else {
            Merged m = (Merged) target;
            if (!tree.reaches(m.mergeSha())) {
                return problem(tree, List.of(), List.of(), "the merge commit " + m.mergeSha().substring(0, 8)
                        + " is not on the default branch at " + at + " (was it reverted or force-pushed away?)");
            }
            commits = mergedCommits(tree, m);
        }
        if (commits.isEmpty()) {
            return problem(tree, commits, List.of(), "the patch has no commits to revert");
        }
        EvaluatePatch.Baseline now;
        try {
            now = evaluate.baseline(repo, tree.baseSha(), tree.dir(), config);
        } catch (UnusableEvaluation u) {
            return problem(tree, commits, List.of(), "the default branch at " + at + " does not pass its own checks ("
                    + u.explanation().cause() + "), so a revert cannot be measured against it");
        }
        Worktree.Reverted undone = tree.revert(commits, CommitAuthor.SELFCODE);
        if (!undone.applied()) {
            return problem(tree, commits, undone.conflicts(), "the revert does not apply cleanly on " + at
                    + "; conflicting: " + String.join(", ", undone.conflicts()));
        }
        Evaluation after = sandbox.evaluate(tree.dir(), config);
        if (!after.usable()) {
            Explanation why = Explanation.of(after, config, false, settings.sandbox().outputLimit());
            return problem(tree, commits, List.of(), "the revert applies but its checks could not be measured: "
                    + why.cause());
        }
        Metrics.RoiSource source = Metrics.commonSource(now.evaluation(), after);
        Metrics before = Metrics.of(now.evaluation(), now.evaluation(), source);
        Metrics reverted = Metrics.of(after, now.evaluation(), source);
        String head = undone.commits().get(undone.commits().size() - 1);
        boolean helps = reverted.errors() < before.errors() || reverted.roi() > before.roi();
        return new Reverted(tree, commits, List.of(), Optional.of(head), Optional.of(before), Optional.of(reverted),
                table(at, now.evaluation(), before, head.substring(0, 8), after, reverted, helps), helps,
                Optional.empty());
    }

    /** The commits a merged pull request put on the default branch, newest first. */
    static List<String> mergedCommits(Worktree tree, Merged m) throws IOException {
        int n = Math.max(1, m.pullCommitMessages().size());
        List<Worktree.Commit> chain = tree.firstParents(m.mergeSha(), n);
        if (chain.get(0).parents() > 1 || n == 1 || chain.size() < n) {
            return List.of(m.mergeSha());
        }
        // A rebase merge puts the pull request's commits on the branch one by one, with their messages; anything
        // else (a squash of several commits) is the one merge commit.
        List<String> rebased = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Worktree.Commit c = chain.get(i);
            String expected = m.pullCommitMessages().get(n - 1 - i);
            if (c.parents() != 1 || !c.message().strip().equals(expected.strip())) {
                return List.of(m.mergeSha());
            }
            rebased.add(c.sha());
        }
        return rebased;
    }

    private static Reverted problem(Worktree tree, List<String> commits, List<String> conflicts, String why) {
        return new Reverted(tree, commits, conflicts, Optional.empty(), Optional.empty(), Optional.empty(), "", false,
                Optional.of(why));
    }

    static String table(String nowSha, Evaluation nowRun, Metrics now, String revertSha, Evaluation revertRun,
            Metrics reverted, boolean helps) {
        StringBuilder t = new StringBuilder("| | branch now (" + nowSha + ") | with the revert (" + revertSha
                + ") | change |\n|---|---|---|---|\n");
        row(t, "roi", fixed(now.roi()), fixed(reverted.roi()), signed(reverted.roi() - now.roi()));
        row(t, "errors", fixed(now.errors()), fixed(reverted.errors()), signed(reverted.errors() - now.errors()));
        count(t, "tests passed", nowRun.passed(), revertRun.passed());
        count(t, "tests failed", nowRun.failed() + nowRun.errored(), revertRun.failed() + revertRun.errored());
        count(t, "lint findings", nowRun.lintFindings(), revertRun.lintFindings());
        t.append('\n').append(helps
                ? "The revert improves the numbers."
                : "The revert does not improve the numbers: the regression may come from another change.");
        return t.toString();
    }

    private static void count(StringBuilder t, String name, int now, int reverted) {
        row(t, name, String.valueOf(now), String.valueOf(reverted), (reverted >= now ? "+" : "") + (reverted - now));
    }

    private static void row(StringBuilder t, String name, String now, String reverted, String change) {
        t.append("| ").append(name).append(" | ").append(now).append(" | ").append(reverted).append(" | ")
                .append(change).append(" |\n");
    }
}
