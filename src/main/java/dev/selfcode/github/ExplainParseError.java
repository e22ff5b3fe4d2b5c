package dev.selfcode.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHEventPayload;

import io.quarkiverse.githubapp.command.airline.ParseErrorHandler;

/**
 * Answers a {@code /selfcode} line that cannot be parsed, through {@link GitHubWrites} (so dry-run holds). A user
 * without write permission gets the polite refusal instead: strangers cannot make the bot explain its syntax.
 */
@Singleton
public class ExplainParseError implements ParseErrorHandler {

    private static final Logger LOG = Logger.getLogger(ExplainParseError.class);

    @Inject
    QueuePatch queue;

    @Inject
    GitHubWrites writes;

    @Override
    public void handleParseError(GHEventPayload.IssueComment payload, ParseErrorContext context) {
        var source = new QueuePatch.Source(null, payload.getRepository(), payload.getSender(), payload.getComment());
        int number = payload.getIssue().getNumber();
        try {
            if (!queue.allowed(payload.getRepository(), payload.getSender())) {
                queue.deny(source, number);
                return;
            }
            List<String> errors = new ArrayList<>();
            if (context.error() != null) {
                errors.add(context.error());
            }
            if (context.parseResult() != null) {
                context.parseResult().getErrors().forEach(e -> errors.add(e.getMessage()));
            }
            String command = context.command().length() > 200
                    ? context.command().substring(0, 200) + "…"
                    : context.command();
            writes.comment(payload.getRepository(), number,
                    Markdown.parseErrorComment(command.replace("`", "'"), errors).render());
        } catch (IOException e) {
            LOG.warnf("could not answer an unparsable command in %s#%d: %s", payload.getRepository().getFullName(),
                    number, e.getMessage());
        }
    }
}
