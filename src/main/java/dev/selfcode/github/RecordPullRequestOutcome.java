package dev.selfcode.github;

import java.io.IOException;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;

import io.quarkiverse.githubapp.event.PullRequest;

/** When a Selfcode pull request ({@code selfcode/*} head) is closed, records whether it was merged. */
class RecordPullRequestOutcome {

    private static final Logger LOG = Logger.getLogger(RecordPullRequestOutcome.class);

    @Inject
    PullRequestOutcomes outcomes;

    void onClosed(@PullRequest.Closed GHEventPayload.PullRequest payload) throws IOException {
        GHPullRequest pull = payload.getPullRequest();
        String branch = pull.getHead().getRef();
        if (branch == null || !branch.startsWith("selfcode/")) {
            return;
        }
        String outcome = pull.isMerged() ? PullRequestOutcomes.MERGED : PullRequestOutcomes.CLOSED;
        int updated = outcomes.record(payload.getRepository().getFullName(), pull.getNumber(), branch, outcome);
        LOG.infof("%s#%d %s: %d patch attempt(s) updated", payload.getRepository().getFullName(), pull.getNumber(),
                outcome, updated);
    }
}
