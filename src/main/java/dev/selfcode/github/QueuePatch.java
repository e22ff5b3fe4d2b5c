package dev.selfcode.github;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.ReactionContent;

import dev.selfcode.config.RepoConfigException;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.Refusal;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.JobWorker;
import dev.selfcode.job.NewJob;

/**
 * What every trigger does once it has a request: checks the sender's permission and the repo config, persists a
 * {@code patch} job keyed on the delivery (a redelivery finds the same job), reacts with eyes and wakes the worker.
 */
@ApplicationScoped
public class QueuePatch {

    private static final Logger LOG = Logger.getLogger(QueuePatch.class);

    @Inject
    JobQueue queue;
    @Inject
    JobWorker worker;
    @Inject
    GitHubWrites writes;
    @Inject
    RecordDelivery deliveries;
    @Inject
    SelfcodeConfig config;
    @Inject
    Guardrails guardrails;
    @Inject
    RepoGuardrailLimits limits;

    /** Where a request came from, for idempotency and feedback. */
    public record Source(String deliveryId, GHRepository repo, GHUser sender, GHIssueComment comment) {
    }

    /** Users with write, maintain or admin permission may run Selfcode. */
    public boolean allowed(GHRepository repo, GHUser sender) throws IOException {
        return sender != null && repo.hasPermission(sender, GHPermissionType.WRITE);
    }

    /** Answers a user without permission, once per delivery. */
    public void deny(Source source, int issueNumber) throws IOException {
        if (deliveries.redelivered(source.deliveryId())) {
            return;
        }
        LOG.infof("%s may not run Selfcode on %s", login(source.sender()), source.repo().getFullName());
        writes.comment(source.repo(), issueNumber, Markdown.deniedReply(login(source.sender())).render());
    }

    /** Explains, once per delivery, why a request cannot be queued. */
    public void badRequest(Source source, int issueNumber, String problem) throws IOException {
        if (!deliveries.redelivered(source.deliveryId())) {
            writes.comment(source.repo(), issueNumber, Markdown.badInputComment("", problem).render());
        }
    }

    /** Validates the config text (null when the repo has none) and queues the job; empty when nothing was queued. */
    public Optional<Job> enqueue(Source source, PatchJob request, String configText) throws IOException {
        String key = sourceKey(source, request);
        boolean redelivered = deliveries.redelivered(source.deliveryId());
        if (redelivered && Job.findBySourceKey(key).isPresent()) {
            LOG.infof("delivery %s already queued its job; nothing to do", source.deliveryId());
            return Optional.empty();
        }
        RepoLimits repoLimits;
        try {
            if (configText != null) {
                new RepoConfigReader(config.sandbox()).validate(configText);
            }
            repoLimits = limits.parse(configText);
        } catch (RepoConfigException e) {
            if (!redelivered) {
                writes.comment(source.repo(), request.issueNumber(), Markdown.configErrorComment(e.getMessage()).render());
            }
            return Optional.empty();
        }
        // A command on a Selfcode pull request updates it: it opens none, so max_open_prs does not stop it.
        Optional<Refusal> refused = redelivered
                ? guardrails.check(request.repo(), repoLimits, !request.onSelfcodePull())
                : guardrails.refuse(request.repo(), repoLimits, !request.onSelfcodePull(), request.trigger());
        if (refused.isPresent()) {
            if (!redelivered) {
                writes.comment(source.repo(), request.issueNumber(), GuardrailReplies.refused(refused.get()));
            }
            return Optional.empty();
        }
        Job job = queue.enqueue(NewJob.of(key, PatchJob.KIND, request.repo(), request.toJson())
                .withIssue(request.installationId(), request.issueNumber()));
        LOG.infof("queued %s for %s#%d: %s", job, request.repo(), request.issueNumber(), request.description());
        if (source.comment() != null) {
            writes.react(source.repo(), source.comment(), ReactionContent.EYES);
        }
        worker.wake();
        return Optional.of(job);
    }

    private static String sourceKey(Source source, PatchJob request) {
        if (source.deliveryId() != null && !source.deliveryId().isBlank()) {
            return "github:" + source.deliveryId();
        }
        // Only dev and test modes accept deliveries without an id.
        String key = "github:" + request.repo() + "#" + request.issueNumber() + ":"
                + (source.comment() != null ? "comment-" + source.comment().getId() : request.trigger());
        return key.length() <= NewJob.MAX_KEY ? key : key.substring(key.length() - NewJob.MAX_KEY);
    }

    static String login(GHUser user) {
        return user == null ? "someone" : user.getLogin();
    }
}
