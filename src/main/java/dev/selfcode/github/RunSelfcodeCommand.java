package dev.selfcode.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Cli;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;

import io.quarkiverse.githubapp.ConfigFile;
import io.quarkiverse.githubapp.GitHubConfigFileProvider;
import io.quarkiverse.githubapp.GitHubEvent;
import io.quarkiverse.githubapp.command.airline.CliOptions;
import io.quarkiverse.githubapp.command.airline.CommandOptions;
import io.quarkiverse.githubapp.command.airline.CommandOptions.ReactionStrategy;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.config.Threshold;
import dev.selfcode.text.Limits;

/**
 * {@code /selfcode <description>} on an issue or pull request queues a patch job; {@code /selfcode help} answers
 * with usage. Permission is checked here, not with {@code @Permission}, so that a refused user gets one polite
 * reply, and every reaction goes through {@link GitHubWrites} (the extension's own reactions are off).
 */
@Cli(name = "/selfcode", description = "Selfcode: writes a helper, measures it, and opens a PR when it helps", commands = {
        RunSelfcodeCommand.Patch.class, RunSelfcodeCommand.Help.class,
        ResetBreaker.class}, defaultCommand = RunSelfcodeCommand.Patch.class)
@CliOptions(parseErrorHandler = ExplainParseError.class, defaultCommandOptions = @CommandOptions(reactionStrategy = ReactionStrategy.NONE))
class RunSelfcodeCommand {

    static final int MAX_DESCRIPTION = Limits.DESCRIPTION;

    /** The run method every /selfcode command shares. */
    interface SelfcodeCommand {

        void run(GitHubEvent event, GHEventPayload.IssueComment payload) throws IOException;
    }

    @Command(name = "patch", description = "Build what the description asks for (the default command)")
    static class Patch implements SelfcodeCommand {

        @Option(name = "--file", description = "File the helper goes into")
        String file;

        @Option(name = "--threshold", description = "How much worse a metric may get")
        String threshold;

        @Option(name = "--after", description = "Insert after this function or class")
        String after;

        @Arguments(description = "What to build")
        List<String> words = new ArrayList<>();

        @Inject
        QueuePatch queue;

        @Inject
        GitHubConfigFileProvider configFiles;

        @Override
        public void run(GitHubEvent event, GHEventPayload.IssueComment payload) throws IOException {
            GHRepository repo = payload.getRepository();
            GHIssue issue = payload.getIssue();
            var source = new QueuePatch.Source(event.getDeliveryId(), repo, payload.getSender(), payload.getComment());
            if (!queue.allowed(repo, payload.getSender())) {
                queue.deny(source, issue.getNumber());
                return;
            }
            String description = description(words, payload.getComment().getBody());
            String problem = problem(description, threshold);
            if (problem != null) {
                queue.badRequest(source, issue.getNumber(), problem);
                return;
            }
            String pullBranch = null;
            String pullBase = null;
            String link = "Closes #" + issue.getNumber();
            if (issue.isPullRequest()) {
                GHPullRequest pull = repo.getPullRequest(issue.getNumber());
                // Only a branch of this repository: a fork's selfcode/* branch is not ours to push to.
                var headRepo = pull.getHead().getRepository();
                if (pull.getHead().getRef().startsWith("selfcode/") && headRepo != null
                        && repo.getFullName().equals(headRepo.getFullName())) {
                    pullBranch = pull.getHead().getRef();
                    pullBase = pull.getBase().getRef();
                    link = null; // the PR keeps the link it has
                } else {
                    link = "Refs #" + issue.getNumber();
                }
            }
            // Read on demand, not with a @ConfigFile parameter: that would fetch the file for every comment.
            Optional<String> config = configFiles.fetchConfigFile(repo, "selfcode.yml", ConfigFile.Source.DEFAULT,
                    String.class);
            var request = new PatchJob(repo.getFullName(), event.getInstallationId(), issue.getNumber(), description,
                    blankToNull(file), threshold == null ? null : Threshold.valueOf(threshold), blankToNull(after), "comment",
                    pullBranch, pullBase, link);
            queue.enqueue(source, request, config.orElse(null));
        }

        /** The arguments of the first line plus every further line of the comment. */
        static String description(List<String> words, String body) {
            String first = String.join(" ", words).strip();
            List<String> rest = body == null ? List.of() : body.strip().lines().skip(1).toList();
            String more = String.join("\n", rest).strip();
            return (first + (first.isEmpty() || more.isEmpty() ? "" : "\n") + more).strip();
        }

        static String problem(String description, String threshold) {
            if (description.isEmpty()) {
                return "say what to build, e.g. `/selfcode add a helper that parses ISO dates`";
            }
            if (description.length() > MAX_DESCRIPTION) {
                return "the description has " + description.length() + " characters; at most " + MAX_DESCRIPTION
                        + " are accepted";
            }
            if (threshold != null) {
                try {
                    Threshold.valueOf(threshold);
                } catch (IllegalArgumentException e) {
                    return "`--threshold` " + Threshold.RULE;
                }
            }
            return null;
        }
    }

    @Command(name = "help", description = "Show how to use Selfcode")
    static class Help implements SelfcodeCommand {

        @Arguments
        List<String> ignored = new ArrayList<>();

        @Inject
        GitHubWrites writes;

        @Inject
        RecordDelivery deliveries;

        @Inject
        SelfcodeConfig config;

        @Override
        public void run(GitHubEvent event, GHEventPayload.IssueComment payload) throws IOException {
            if (!deliveries.redelivered(event.getDeliveryId())) {
                writes.comment(payload.getRepository(), payload.getIssue().getNumber(),
                        Markdown.help(config.github().triggerLabel()).render());
            }
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
