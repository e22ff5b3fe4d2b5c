package dev.selfcode.web.view;

import java.util.Set;

/**
 * The repositories a viewer may read, resolved once per query: every one (the admin token) or the named ones.
 *
 * @param all   no restriction
 * @param repos the readable repositories when not {@code all}
 */
public record Access(boolean all, Set<String> repos) {

    public Access {
        repos = Set.copyOf(repos);
    }

    public boolean allows(String repo) {
        return all || repos.contains(repo);
    }

    /** Nothing readable: an anonymous viewer, or one with access to no repository Selfcode knows. */
    public boolean none() {
        return !all && repos.isEmpty();
    }
}
