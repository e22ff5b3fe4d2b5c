package dev.selfcode.web.auth;

import java.util.Optional;

import dev.selfcode.web.Viewer;

/** A user logged in with GitHub: reads and writes what GitHub says they may, in this App's installations only. */
record GitHubViewer(String user, RepoAccess access) implements Viewer {

    @Override
    public Optional<String> login() {
        return Optional.of(user);
    }

    @Override
    public boolean authenticated() {
        return true;
    }

    @Override
    public boolean admin() {
        return false;
    }

    @Override
    public boolean canRead(String repo) {
        return access.canRead(repo);
    }

    @Override
    public boolean canWrite(String repo) {
        return access.canWrite(repo);
    }
}
