package dev.selfcode.github;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHRepository;

import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.PatchRequest;
import dev.selfcode.engine.SelfCodingEngine;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.Refusal;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobHandler;
import dev.selfcode.job.JobResult;
import dev.selfcode.job.Lease;
import dev.selfcode.workspace.GitRemote;

/**
 * Runs a queued GitHub {@code patch} job: resolves the base commit, shows a check run, runs the engine with a {@link GitHubPublisher} on the job's stable branch, and reports bad input and
 * failures on the issue. Transient failures are thrown as such, so the queue retries them.
 */
@ApplicationScoped
public class PatchJobHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(PatchJobHandler.class);

    @Inject
    InstallationAccess access;
    @Inject
    GitHubWrites writes;
    @Inject
    PullRequestOutcomes outcomes;
    @Inject
    SelfCodingEngine engine;
    @Inject
    Guardrails guardrails;
    @Inject
    RepoGuardrailLimits limits;

    @Override
    public String kind() {
        return PatchJob.KIND;
    }

    @Override
    public JobResult handle(Job job, Lease lease) throws Exception {
        PatchJob p = PatchJob.fromJson(job.payload);
        InstallationAccess.Start start = access.start(p.installationId(), p.repo(), p.pullBase());
        GHRepository repo = start.repo();
        String base = start.branch();
        String baseSha = start.sha();
        // Checked again here, not only when the command came: jobs queued together, or behind a patch that tripped
        // the breaker, must not run past a limit.
        RepoLimits repoLimits = limits.read(repo);
        Optional<Refusal> refused = guardrails.refuse(p.repo(), repoLimits, !p.onSelfcodePull(), p.trigger());
        if (refused.isPresent()) {
            writes.comment(repo, p.issueNumber(), GuardrailReplies.refused(refused.get()));
            return JobResult.of("skipped: " + refused.get().line());
        }
        GitRemote remote = access.remote(p.installationId(), repo);
        CheckRunProgress progress = CheckRunProgress.start(writes, repo, baseSha, p.description());
        PatchRequest request;
        try {
            // No file named: the engine's checkout picks one, on the one checkout it makes anyway.
            request = new PatchRequest(p.repo(), remote, Optional.of(baseSha), Optional.ofNullable(p.file()),
                    p.description(), Optional.ofNullable(p.threshold()), "auto", Optional.ofNullable(p.after()),
                    p.trigger(), Optional.of(job.id), Optional.ofNullable(p.pullBranch()));
        } catch (IllegalArgumentException e) {
            String problem = e.getMessage();
            progress.complete(GHCheckRun.Conclusion.NEUTRAL, "Selfcode: bad input", problem);
            writes.comment(repo, p.issueNumber(), Markdown.badInputComment(Markdown.quoted(p.description()), problem).render());
            return JobResult.of("bad input: " + problem);
        }
        var publisher = new GitHubPublisher(writes, outcomes, repo, remote, p, job.id, base);
        PatchOutcome outcome = engine.applyPatch(request, publisher, progress);
        JobResult result = report(job, p, repo, progress, outcome);
        announceTrip(p, repo, repoLimits, outcome);
        return result;
    }

    /** Says once, on the issue whose patch tripped it, that the circuit breaker stopped Selfcode on the repo. */
    private void announceTrip(PatchJob p, GHRepository repo, RepoLimits repoLimits, PatchOutcome outcome) {
        if (outcome.patchId() <= 0) {
            return;
        }
        try {
            var tripped = guardrails.tripIfDue(p.repo(), repoLimits, outcome.patchId(), p.issueNumber());
            if (tripped.isPresent()) {
                writes.comment(repo, p.issueNumber(), GuardrailReplies.tripped(tripped.get(), repoLimits));
            }
        } catch (IOException | RuntimeException e) {
            // The job's own work is done and reported; the next command still finds the breaker open.
            LOG.warnf(e, "could not announce the circuit breaker on %s", p.repo());
        }
    }

    /** Shows how the job ended (check run, and a comment unless a publisher already answered) and ends it. */
    JobResult report(Job job, PatchJob p, GHRepository repo, CheckRunProgress progress, PatchOutcome outcome)
            throws IOException {
        progress.complete(outcome);
        LOG.infof("job %d on %s#%d: %s", job.id, p.repo(), p.issueNumber(), outcome.message());
        return switch (outcome.status()) {
            case KEPT -> new JobResult(outcome.published().orElse(outcome.message()), outcome.patchId());
            case REVERTED -> new JobResult(outcome.message(), outcome.patchId());
            case BAD_INPUT -> {
                writes.comment(repo, p.issueNumber(),
                        Markdown.badInputComment(Markdown.quoted(p.description()), outcome.message()).render());
                yield new JobResult("bad input: " + outcome.message(), outcome.patchId());
            }
            case BASE_UNMEASURABLE -> {
                boolean userInput = outcome.exitCode() == PatchOutcome.Status.BAD_INPUT.exitCode;
                writes.comment(repo, p.issueNumber(), Markdown.baseUnmeasurableComment(
                        Markdown.quoted(p.description()), problem(outcome), WhyShown.markdown(outcome.why()),
                        userInput).render());
                yield new JobResult("base not measured: " + outcome.message(), outcome.patchId());
            }
            case FAILED -> failed(job, p, repo, outcome);
        };
    }

    /** The outcome's message without the stage label the comment's own words replace. */
    private static String problem(PatchOutcome outcome) {
        String prefix = outcome.failedStage().map(s -> s.label + ": ").orElse("");
        return outcome.message().startsWith(prefix) ? outcome.message().substring(prefix.length()) : outcome.message();
    }

    /** Comments unless the queue will retry, and tells the queue whether to. */
    private JobResult failed(Job job, PatchJob p, GHRepository repo, PatchOutcome outcome) throws IOException {
        FailureKind kind = outcome.failureKind().orElse(FailureKind.INTERNAL);
        boolean retryLater = kind == FailureKind.TRANSIENT;
        if (!retryLater || job.attempts >= job.maxAttempts) {
            String stage = outcome.failedStage().map(s -> s.label).orElse("engine");
            writes.comment(repo, p.issueNumber(), Markdown.failedComment(Markdown.quoted(p.description()), stage,
                    outcome.message(), false, job.id, WhyShown.markdown(outcome.why())).render());
        }
        return JobResult.failed(kind + ": " + outcome.message(), retryLater);
    }
}
