package dev.selfcode.web;

import java.util.Optional;

/**
 * The two viewers that need no lookup: the admin token's holder (everything; also the command line, the self-hoster
 * at their own database) and an anonymous visitor (nothing).
 */
public enum FixedViewer implements Viewer {

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
