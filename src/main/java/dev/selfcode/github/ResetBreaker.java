package dev.selfcode.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.ReactionContent;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;

import io.quarkiverse.githubapp.GitHubEvent;

import dev.selfcode.guardrail.Guardrails;

/**
 * {@code /selfcode reset}: a maintainer with write access closes the repository's circuit breaker, so Selfcode
 * patches it again. Anyone else gets one reply and changes nothing (the same permission check as a patch request).
 */
@Command(name = "reset", description = "Reset the circuit breaker, so Selfcode patches this repository again")
class ResetBreaker implements RunSelfcodeCommand.SelfcodeCommand {

    private static final Logger LOG = Logger.getLogger(ResetBreaker.class);

    /** Taken so that "/selfcode reset the parser" gets a usage reply, not a parse error. */
    @Arguments
    List<String> words = new ArrayList<>();

    @Inject
    QueuePatch queue;
    @Inject
    Guardrails guardrails;
    @Inject
    RepoGuardrailLimits limits;
    @Inject
    GitHubWrites writes;
    @Inject
    RecordDelivery deliveries;

    @Override
    public void run(GitHubEvent event, GHEventPayload.IssueComment payload) throws IOException {
        if (deliveries.redelivered(event.getDeliveryId())) {
            return;
        }
        GHRepository repo = payload.getRepository();
        int issue = payload.getIssue().getNumber();
        String user = QueuePatch.login(payload.getSender());
        if (!words.isEmpty()) {
            writes.comment(repo, issue, GuardrailReplies.resetUsage().render());
            return;
        }
        if (!queue.allowed(repo, payload.getSender())) {
            LOG.infof("%s may not reset the circuit breaker on %s", user, repo.getFullName());
            writes.comment(repo, issue, GuardrailReplies.resetDenied(user).render());
            return;
        }
        Guardrails.BreakerState before = guardrails.reset(repo.getFullName(), limits.read(repo), "github:" + user);
        writes.react(repo, payload.getComment(), ReactionContent.PLUS_ONE);
        writes.comment(repo, issue, GuardrailReplies.resetDone(user, before.open(), before.inARow(), before.limit())
                .render());
    }
}
