package dev.selfcode.cli;

import java.util.Optional;

import dev.selfcode.web.Viewer;

/**
 * Who asks the read model from the command line: the self-hoster at their own database, who reads every repository
 * as the admin token does (the CLI's own {@code local:} repositories included).
 */
enum CliViewer implements Viewer {

    INSTANCE;

    @Override
    public Optional<String> login() {
        return Optional.empty();
    }

    @Override
    public boolean authenticated() {
        return true;
    }

    @Override
    public boolean admin() {
        return true;
    }

    @Override
    public boolean canRead(String repo) {
        return true;
    }

    @Override
    public boolean canWrite(String repo) {
        return true;
    }
}
