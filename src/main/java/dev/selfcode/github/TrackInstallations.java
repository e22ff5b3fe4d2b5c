package dev.selfcode.github;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkiverse.githubapp.GitHubEvent;
import io.quarkiverse.githubapp.event.RawEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import dev.selfcode.job.JobQueue;
import dev.selfcode.job.NewJob;
import dev.selfcode.sweep.DueSweeps;
import dev.selfcode.sweep.SweepRequest;
import dev.selfcode.sweep.SweepSchedules;
import dev.selfcode.text.Limits;

/**
 * Keeps {@code installed_repo} (and each repository's sweep schedule) in step with where the app is installed. Raw events: github-api would fetch every
 * listed repository while parsing the payload, which fails for the ones just removed (and answers GitHub 500).
 */
class TrackInstallations {

    @Inject
    InstalledRepos repos;
    @Inject
    SweepSchedules schedules;
    @Inject
    JobQueue queue;

    void onInstallation(@RawEvent(event = "installation") GitHubEvent event) {
        JsonObject payload = event.getParsedPayload();
        Long id = installationId(payload);
        if (id == null) {
            return;
        }
        switch (String.valueOf(event.getAction())) {
            case "created", "unsuspend" -> names(payload, "repositories").forEach(r -> added(event, id, r));
            case "deleted", "suspend" -> {
                repos.deactivateInstallation(id);
                names(payload, "repositories").forEach(schedules::remove);
            }
            default -> {
            }
        }
    }

    void onRepositories(@RawEvent(event = "installation_repositories") GitHubEvent event) {
        JsonObject payload = event.getParsedPayload();
        Long id = installationId(payload);
        if (id == null) {
            return;
        }
        names(payload, "repositories_added").forEach(r -> added(event, id, r));
        names(payload, "repositories_removed").forEach(r -> {
            repos.deactivate(r);
            schedules.remove(r);
        });
    }

    /** A repository the app may now act on: remember it, and read its sweep settings (a job: an API call). */
    private void added(GitHubEvent event, long installationId, String repo) {
        repos.activate(installationId, repo);
        queue.enqueue(NewJob.of("sweep-config:" + repo + "@" + event.getDeliveryId(), DueSweeps.KIND, repo,
                SweepRequest.configRead().toJson()).withIssue(installationId, null));
    }

    private static Long installationId(JsonObject payload) {
        JsonObject installation = payload.getJsonObject("installation");
        return installation == null ? null : installation.getLong("id");
    }

    /** The full names listed under {@code field}, skipping anything that is not a sane owner/name. */
    static List<String> names(JsonObject payload, String field) {
        List<String> names = new ArrayList<>();
        JsonArray list = payload.getJsonArray(field);
        if (list == null) {
            return names;
        }
        for (Object item : list) {
            if (item instanceof JsonObject repo) {
                String name = repo.getString("full_name");
                if (name != null && name.length() <= Limits.INDEXED_CHARS && name.matches("[\\w.-]+/[\\w.-]+")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
