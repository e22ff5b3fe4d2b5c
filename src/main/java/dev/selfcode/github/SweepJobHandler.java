package dev.selfcode.github;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHRepository;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.engine.MeasureBase;
import dev.selfcode.engine.PatchReport;
import dev.selfcode.engine.ProgressListener;
import dev.selfcode.engine.Publisher;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobHandler;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.JobResult;
import dev.selfcode.job.Lease;
import dev.selfcode.job.NewJob;
import dev.selfcode.sweep.DueSweeps;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.sweep.Sweep;
import dev.selfcode.sweep.SweepRequest;
import dev.selfcode.sweep.SweepSchedules;
import dev.selfcode.workspace.GitRemote;

/**
 * Runs a queued {@code sweep} job of an installed repository. A "config" job only reads {@code .github/selfcode.yml}
 * of the default branch through the API and (re)sets or removes the repository's schedule; a scheduled or manual
 * one runs the {@link Sweep} on the default branch and then refreshes the schedule from the config it read. A kept
 * refactor is pushed to {@value Sweep#BRANCH} and opens or updates that one pull request; a thrown-away one is only
 * recorded (there is no issue to comment on). A "measure" job (a push while a merged patch is watched) only measures.
 * Every measurement is then shown to the {@link RollbackWatch}; a merged patch it finds bad gets a rollback job.
 */
@ApplicationScoped
public class SweepJobHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(SweepJobHandler.class);

    @Inject
    InstallationAccess access;
    @Inject
    GitHubWrites writes;
    @Inject
    PullRequestOutcomes outcomes;
    @Inject
    Sweep sweep;
    @Inject
    SweepSchedules schedules;
    @Inject
    SelfcodeConfig config;
    @Inject
    MeasureBase measure;
    @Inject
    RollbackWatch watch;
    @Inject
    JobQueue queue;

    @Override
    public String kind() {
        return DueSweeps.KIND;
    }

    @Override
    public JobResult handle(Job job, Lease lease) throws Exception {
        SweepRequest request = SweepRequest.fromJson(job.payload);
        if (job.installationId == null) {
            return JobResult.of("no installation recorded for " + job.repo + "; nothing swept");
        }
        InstallationAccess.Start start = access.start(job.installationId, job.repo, null);
        GHRepository repo = start.repo();
        String branch = start.branch();
        String sha = start.sha();
        if (SweepRequest.CONFIG.equals(request.trigger())) {
            return JobResult.of(sync(job, repo, sha));
        }
        GitRemote remote = access.remote(job.installationId, repo);
        if (SweepRequest.MEASURE.equals(request.trigger())) {
            MeasureBase.Measurement m = measure.run(job.repo, remote, Optional.of(sha), started -> {
            });
            String said = m.measured()
                    ? "measured " + sha.substring(0, 8) + (m.cached() ? " (unchanged: no sandbox ran)" : "")
                    : "the default branch could not be measured: " + m.cause();
            return JobResult.of(said + judge(job, m));
        }
        PatchJob asPatch = new PatchJob(job.repo, job.installationId, 0, "sweep", null, null, null, "sweep", null, null,
                null);
        Publisher publisher = new SweepPublisher(new GitHubPublisher(writes, outcomes, repo, remote, asPatch, job.id,
                branch));
        Sweep.Outcome outcome = sweep.run(job.repo, remote, Optional.of(sha), publisher, ProgressListener.NONE,
                Optional.of(job.id));
        outcome.measurement().config().ifPresent(c -> schedule(job, c.sweep()));
        outcome.tripped().ifPresent(trip -> announceTrip(repo, job.repo, trip));
        String judged = judge(job, outcome.measurement());
        LOG.infof("sweep of %s: %s%s", job.repo, outcome.summary(), judged);
        return new JobResult(outcome.summary() + judged, outcome.patch().map(p -> p.patchId()).orElse(null));
    }

    /** A sweep has no issue to comment on: the breaker it tripped is announced in an issue of its own. */
    private void announceTrip(GHRepository repo, String name, Sweep.Trip trip) {
        try {
            writes.openIssue(repo, "Selfcode stopped patching this repository (circuit breaker)",
                    GuardrailReplies.tripped(trip.state(), trip.limits()));
        } catch (IOException | RuntimeException e) {
            // The breaker is open and recorded; the next command still gets the short reply.
            LOG.warnf(e, "could not announce the circuit breaker on %s", name);
        }
    }

    /** Shows a new measurement to the rollback watch and queues one rollback job per patch it finds bad. */
    private String judge(Job job, MeasureBase.Measurement m) {
        if (!m.measured() || m.config().isEmpty()) {
            return "";
        }
        double threshold = m.config().get().threshold().orElse(config.threshold()).value();
        List<RollbackWatch.Due> due = watch.judge(job.repo, threshold);
        for (RollbackWatch.Due d : due) {
            queue.enqueue(NewJob.of("rollback:" + d.watch().patchId, RollbackJobHandler.KIND, job.repo,
                    String.valueOf(d.watch().patchId)).withIssue(job.installationId, null)
                    .withPullRequest(d.watch().prNumber));
        }
        return due.isEmpty()
                ? ""
                : "; rollback queued for patch " + String.join(", ",
                        due.stream().map(d -> String.valueOf(d.watch().patchId)).toList());
    }

    /** Reads the default branch's config through the API and sets the schedule from it. */
    private String sync(Job job, GHRepository repo, String sha) throws IOException {
        String text;
        try (InputStream in = repo.getFileContent(RepoConfig.PATH, sha).read()) {
            text = new String(in.readNBytes(RepoConfigReader.MAX_BYTES + 1), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            text = null;
        }
        RepoConfig.Sweep settings;
        try {
            settings = new RepoConfigReader(config.sandbox()).sweep(text);
        } catch (RepoConfigException e) {
            schedules.remove(job.repo);
            return "no sweep scheduled: " + RepoConfig.PATH + " " + e.getMessage();
        }
        return schedule(job, settings);
    }

    private String schedule(Job job, RepoConfig.Sweep settings) {
        if (!settings.enabled()) {
            schedules.remove(job.repo);
            return "no sweep configured";
        }
        return schedules.configure(job.repo, job.installationId, settings.schedule())
                .map(next -> "next sweep due " + next)
                .orElse("the sweep cron never fires; no sweep scheduled");
    }

    /** Publishes a kept sweep as its one pull request; a thrown-away one stays in the records only. */
    private record SweepPublisher(GitHubPublisher pulls) implements Publisher {

        @Override
        public Optional<String> keep(PatchReport report) throws IOException {
            return pulls.keep(report);
        }

        @Override
        public void revert(PatchReport report) {
            LOG.infof("sweep patch %d thrown away: %s", report.patchId(),
                    report.decision().map(d -> String.join("; ", d.reasons())).orElse("no decision"));
        }
    }
}
