package dev.selfcode.github;

import java.io.IOException;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHCommitPointer;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestCommitDetail;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitUser;

import io.quarkiverse.githubapp.event.PullRequest;

import dev.selfcode.engine.CommitAuthor;

/**
 * When a Selfcode pull request is closed without merge, deletes its branch: only a {@code selfcode/*} branch of the
 * repository itself (never a fork's) whose commits are all Selfcode's own (a maintainer who pushed to it keeps it).
 */
class DeleteAbandonedBranch {

    private static final Logger LOG = Logger.getLogger(DeleteAbandonedBranch.class);

    void onClosed(@PullRequest.Closed GHEventPayload.PullRequest payload) throws IOException {
        GHPullRequest pull = payload.getPullRequest();
        GHRepository repo = payload.getRepository();
        GHCommitPointer head = pull.getHead();
        String branch = head.getRef();
        if (pull.isMerged() || branch == null || !branch.startsWith("selfcode/")) {
            return;
        }
        if (head.getRepository() == null || !repo.getFullName().equals(head.getRepository().getFullName())) {
            LOG.infof("%s#%d: branch %s is a fork's; left alone", repo.getFullName(), pull.getNumber(), branch);
            return;
        }
        for (GHPullRequestCommitDetail commit : repo.getPullRequest(pull.getNumber()).listCommits()) {
            if (!ours(commit.getCommit().getAuthor()) || !ours(commit.getCommit().getCommitter())) {
                LOG.infof("%s#%d: branch %s has commits by others (%s); left alone", repo.getFullName(),
                        pull.getNumber(), branch, commit.getSha());
                return;
            }
        }
        repo.getRef("heads/" + branch).delete();
        LOG.infof("%s#%d closed without merge: deleted branch %s", repo.getFullName(), pull.getNumber(), branch);
    }

    private static boolean ours(GitUser who) {
        return who != null && CommitAuthor.SELFCODE.getEmailAddress().equalsIgnoreCase(who.getEmail());
    }
}
