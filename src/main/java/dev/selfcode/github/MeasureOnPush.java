package dev.selfcode.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.inject.Inject;

import org.kohsuke.github.GHEventPayload;

import io.quarkiverse.githubapp.event.Push;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.NewJob;
import dev.selfcode.sweep.DueSweeps;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.sweep.SweepRequest;

/**
 * While a merged Selfcode patch is watched for a rollback, a push to the default branch queues a measurement of it.
 * Pushes are debounced: all pushes of one window ({@code selfcode.sweeps.push-debounce}, 10 minutes) share one job
 * (keyed by the window), which runs when the window ends and measures the branch as it is then.
 */
class MeasureOnPush {

    @Inject
    JobQueue queue;
    @Inject
    RollbackWatch watch;
    @Inject
    SelfcodeConfig config;
    @Inject
    Clock clock;

    void onPush(@Push GHEventPayload.Push push) throws IOException {
        String defaultBranch = push.getRepository().getDefaultBranch();
        if (!("refs/heads/" + defaultBranch).equals(push.getRef()) || push.getInstallation() == null
                || push.isDeleted()) {
            return;
        }
        String repo = push.getRepository().getFullName();
        if (!watch.watching(repo)) {
            return;
        }
        long window = Math.max(1, config.sweeps().pushDebounce().toMillis());
        long start = clock.millis() / window * window;
        queue.enqueue(NewJob.of("measure:" + repo + "@" + start, DueSweeps.KIND, repo,
                SweepRequest.measure().toJson()).withIssue(push.getInstallation().getId(), null)
                .withRunAfter(Instant.ofEpochMilli(start + window)));
    }
}
