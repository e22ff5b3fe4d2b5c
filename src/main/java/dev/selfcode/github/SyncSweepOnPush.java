package dev.selfcode.github;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Inject;

import org.kohsuke.github.GHEventPayload;

import io.quarkiverse.githubapp.event.Push;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.NewJob;
import dev.selfcode.sweep.DueSweeps;
import dev.selfcode.sweep.SweepRequest;

/** A push to the default branch that changes {@code .github/selfcode.yml} makes Selfcode read its sweep settings again. */
class SyncSweepOnPush {

    @Inject
    JobQueue queue;

    void onPush(@Push GHEventPayload.Push push) throws IOException {
        String defaultBranch = push.getRepository().getDefaultBranch();
        if (!("refs/heads/" + defaultBranch).equals(push.getRef()) || push.getInstallation() == null) {
            return;
        }
        boolean touched = push.getCommits().stream().anyMatch(c -> changes(c.getAdded())
                || changes(c.getModified()) || changes(c.getRemoved()));
        if (!touched) {
            return;
        }
        String repo = push.getRepository().getFullName();
        queue.enqueue(NewJob.of("sweep-config:" + repo + "@" + push.getHead(), DueSweeps.KIND, repo,
                SweepRequest.configRead().toJson()).withIssue(push.getInstallation().getId(), null));
    }

    private static boolean changes(List<String> files) {
        return files != null && files.contains(RepoConfig.PATH);
    }
}
