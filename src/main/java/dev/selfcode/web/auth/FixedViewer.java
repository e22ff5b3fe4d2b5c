package dev.selfcode.web.auth;

import java.util.Optional;

import dev.selfcode.web.Viewer;

/** The two viewers that need no lookup: the admin token's holder (everything) and an anonymous visitor (nothing). */
enum FixedViewer implements Viewer {

    ADMIN(true), ANONYMOUS(false);

    private final boolean admin;

    FixedViewer(boolean admin) {
        this.admin = admin;
    }

    @Override
    public Optional<String> login() {
        return Optional.empty();
    }

    @Override
    public boolean authenticated() {
        return admin;
    }

    @Override
    public boolean admin() {
        return admin;
    }

    @Override
    public boolean canRead(String repo) {
        return admin;
    }

    @Override
    public boolean canWrite(String repo) {
        return admin;
    }
}
