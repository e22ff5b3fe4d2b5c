package dev.selfcode.github;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestCommitDetail;

import io.quarkiverse.githubapp.event.PullRequest;

import dev.selfcode.sweep.RollbackWatch;

/**
 * When a Selfcode pull request ({@code selfcode/*} head) is closed, records whether it was merged; a merged one is
 * put under the rollback watch with its merge commit and its commits' messages (to revert exactly what it merged).
 */
class RecordPullRequestOutcome {

    private static final Logger LOG = Logger.getLogger(RecordPullRequestOutcome.class);
    /** GitHub lists at most 250 commits of a pull request. */
    private static final int MAX_COMMITS = 250;

    @Inject
    PullRequestOutcomes outcomes;
    @Inject
    RollbackWatch watch;

    void onClosed(@PullRequest.Closed GHEventPayload.PullRequest payload) throws IOException {
        GHPullRequest pull = payload.getPullRequest();
        String branch = pull.getHead().getRef();
        if (branch == null || !branch.startsWith("selfcode/")) {
            return;
        }
        String repo = payload.getRepository().getFullName();
        String outcome = pull.isMerged() ? PullRequestOutcomes.MERGED : PullRequestOutcomes.CLOSED;
        List<Long> updated = outcomes.record(repo, pull.getNumber(), branch, outcome);
        LOG.infof("%s#%d %s: %d patch attempt(s) updated", repo, pull.getNumber(), outcome, updated.size());
        if (!pull.isMerged() || updated.isEmpty() || pull.getMergeCommitSha() == null) {
            return;
        }
        List<String> messages = new ArrayList<>();
        for (GHPullRequestCommitDetail c : pull.listCommits().withPageSize(100)) {
            if (messages.size() == MAX_COMMITS) {
                break;
            }
            messages.add(c.getCommit().getMessage());
        }
        Instant mergedAt = pull.getMergedAt() == null ? Instant.now() : pull.getMergedAt().toInstant();
        Long installation = payload.getInstallation() == null ? null : payload.getInstallation().getId();
        for (long patchId : updated) {
            if (watch.watch(patchId, repo, installation, pull.getNumber(), pull.getMergeCommitSha(), messages,
                    mergedAt)) {
                LOG.infof("%s#%d merged as %s: patch %d is watched for a rollback", repo, pull.getNumber(),
                        pull.getMergeCommitSha().substring(0, 8), patchId);
            }
        }
    }
}
