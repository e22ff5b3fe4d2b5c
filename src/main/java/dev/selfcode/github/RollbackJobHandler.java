package dev.selfcode.github;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHRepository;

import dev.selfcode.engine.RevertPatch;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobHandler;
import dev.selfcode.job.JobResult;
import dev.selfcode.job.Lease;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.sweep.WatchedMerge;
import dev.selfcode.text.Text;
import dev.selfcode.workspace.GitRemote;

/**
 * Reverts a merged Selfcode patch the rollback watch found bad: a {@code git revert} of what its pull request merged,
 * on {@code selfcode/revert-<patch>} from the default branch, measured in the sandbox against the branch as it is,
 * pushed and opened as a pull request whose body has the evidence; the merged pull request gets a comment linking
 * it. When the revert does not apply cleanly (or cannot be measured) the merged pull request gets the evidence
 * instead. A re-run after a crash updates the same branch and pull request.
 */
@ApplicationScoped
public class RollbackJobHandler implements JobHandler {

    public static final String KIND = "rollback";
    static final String BRANCH_PREFIX = "selfcode/revert-";

    private static final Logger LOG = Logger.getLogger(RollbackJobHandler.class);

    @Inject
    InstallationAccess access;
    @Inject
    GitHubWrites writes;
    @Inject
    RevertPatch revert;
    @Inject
    RollbackWatch watch;
    @Inject
    PatchHistory history;
    @Inject
    Guardrails guardrails;
    @Inject
    RepoGuardrailLimits limits;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult handle(Job job, Lease lease) throws Exception {
        long patchId = Long.parseLong(job.payload.strip());
        Optional<WatchedMerge> found = watch.find(patchId);
        if (found.isEmpty() || !RollbackWatch.REVERTING.equals(found.get().state)) {
            return JobResult.of("patch " + patchId + " is not due for a revert ("
                    + found.map(w -> w.state).orElse("not watched") + ")");
        }
        WatchedMerge w = found.get();
        if (job.installationId == null || w.mergeSha == null) {
            return JobResult.of("patch " + patchId + " has no installation or merge commit recorded; nothing reverted");
        }
        PatchAttempt patch = history.get(patchId);
        String[] verdict = w.verdict.split("\n\n", 2);
        String summary = verdict[0];
        String trend = verdict.length > 1 ? verdict[1] : "";
        InstallationAccess.Start start = access.start(job.installationId, job.repo, null);
        GHRepository repo = start.repo();
        GitRemote remote = access.remote(job.installationId, repo);
        String branch = BRANCH_PREFIX + patchId;
        try (RevertPatch.Reverted r = revert.run(job.repo, remote, Optional.of(start.sha()),
                new RevertPatch.Merged(w.mergeSha, RollbackWatch.pullCommits(w)), branch)) {
            if (!r.measured()) {
                String problem = r.problem().orElseThrow();
                if (w.prNumber != null) {
                    writes.comment(repo, w.prNumber, Markdown.rollbackEvidence(summary, trend, problem,
                            (r.undone().size() == 1 ? "-m 1 " : "") + w.mergeSha.substring(0, 12)).render());
                }
                watch.evidence(patchId, problem);
                LOG.warnf("no revert of patch %d on %s: %s", patchId, job.repo, problem);
                return JobResult.of("no revert of patch " + patchId + ": " + problem);
            }
            writes.pushBranch(r.worktree(), remote);
            String description = patch == null ? "" : Text.oneLine(patch.description, 200);
            String body = Markdown.rollbackPrBody(w.prNumber == null ? 0 : w.prNumber, patchId,
                    w.mergeSha.substring(0, 12), description, summary, trend, r.table(),
                    String.join(", ", shortShas(r.undone()))).render();
            GitHubWrites.PullRef pull = writes.openOrUpdatePull(repo, branch, start.branch(),
                    "Revert #" + w.prNumber + ": " + Text.oneLine(description, 80), body);
            if (w.prNumber != null && pull.number() > 0) {
                writes.comment(repo, w.prNumber, Markdown.rollbackNotice(summary, trend, pull.number()).render());
            }
            watch.reverted(patchId, branch, pull.number() > 0 ? pull.number() : null, r.table());
            LOG.infof("patch %d on %s: revert opened as %s", patchId, job.repo, pull.url());
            announceTrip(repo, job.repo, patchId, w.prNumber);
            return JobResult.of("revert of patch " + patchId + " opened: " + pull.url());
        }
    }

    /** A rolled-back patch counts for the circuit breaker: when it trips it, the merged pull request says so. */
    private void announceTrip(GHRepository repo, String name, long patchId, Integer pull) {
        try {
            RepoLimits repoLimits = limits.read(repo);
            var tripped = guardrails.tripIfDue(name, repoLimits, patchId, pull);
            if (tripped.isPresent() && pull != null) {
                writes.comment(repo, pull, GuardrailReplies.tripped(tripped.get(), repoLimits));
            }
        } catch (IOException | RuntimeException e) {
            // The revert is made and recorded; the next command still finds the breaker open.
            LOG.warnf(e, "could not announce the circuit breaker on %s", name);
        }
    }

    private static List<String> shortShas(List<String> shas) {
        return shas.stream().map(s -> s.substring(0, 12)).toList();
    }
}
