package dev.selfcode.github;

import java.io.IOException;

import jakarta.inject.Inject;

import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;

import io.quarkiverse.githubapp.ConfigFile;
import io.quarkiverse.githubapp.GitHubEvent;
import io.quarkiverse.githubapp.event.Issue;

import dev.selfcode.config.SelfcodeConfig;

/** Adding the trigger label ({@code selfcode.github.trigger-label}) to an issue runs Selfcode on its title and text. */
class RunOnLabel {

    @Inject
    QueuePatch queue;

    @Inject
    SelfcodeConfig config;

    void onLabeled(@Issue.Labeled GHEventPayload.Issue payload, GitHubEvent event,
            @ConfigFile("selfcode.yml") String repoConfig) throws IOException {
        if (payload.getLabel() == null || !config.github().triggerLabel().equalsIgnoreCase(payload.getLabel().getName())) {
            return;
        }
        GHIssue issue = payload.getIssue();
        var source = new QueuePatch.Source(event.getDeliveryId(), payload.getRepository(), payload.getSender(), null);
        if (!queue.allowed(payload.getRepository(), payload.getSender())) {
            queue.deny(source, issue.getNumber());
            return;
        }
        String description = description(issue.getTitle(), issue.getBody());
        var request = new PatchJob(payload.getRepository().getFullName(), event.getInstallationId(), issue.getNumber(),
                description, null, null, null, "label", null, null,
                (issue.isPullRequest() ? "Refs #" : "Closes #") + issue.getNumber());
        queue.enqueue(source, request, repoConfig);
    }

    /** Title, then body, within the length a request may have. */
    static String description(String title, String body) {
        String text = (title == null ? "" : title.strip()) + (body == null || body.isBlank() ? "" : "\n\n" + body.strip());
        if (text.length() <= RunSelfcodeCommand.MAX_DESCRIPTION) {
            return text;
        }
        int keep = RunSelfcodeCommand.MAX_DESCRIPTION - 1;
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "…";
    }
}
