package dev.selfcode.github;

import jakarta.inject.Inject;

import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHRepository;

import io.quarkiverse.githubapp.event.Installation;
import io.quarkiverse.githubapp.event.InstallationRepositories;

/** Keeps {@code installed_repo} in step with where the app is installed. */
class TrackInstallations {

    @Inject
    InstalledRepos repos;

    void onInstalled(@Installation.Created @Installation.Unsuspend GHEventPayload.Installation payload) {
        long id = payload.getInstallation().getId();
        payload.getRawRepositories().forEach(r -> repos.activate(id, r.getFullName()));
    }

    void onUninstalled(@Installation.Deleted @Installation.Suspend GHEventPayload.Installation payload) {
        repos.deactivateInstallation(payload.getInstallation().getId());
    }

    void onReposChanged(@InstallationRepositories.Added @InstallationRepositories.Removed
            GHEventPayload.InstallationRepositories payload) {
        long id = payload.getInstallation().getId();
        for (GHRepository r : payload.getRepositoriesAdded()) {
            repos.activate(id, r.getFullName());
        }
        for (GHRepository r : payload.getRepositoriesRemoved()) {
            repos.deactivate(r.getFullName());
        }
    }
}
