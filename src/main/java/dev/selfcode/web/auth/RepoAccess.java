package dev.selfcode.web.auth;

import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What GitHub says one user may do: the repositories ({@code owner/name}, lower case) of this App's installations they
 * may read, and those they may write to. GitHub's names are case-insensitive, so lookups are too.
 */
record RepoAccess(SortedSet<String> read, Set<String> write) {

    static final RepoAccess NONE = new RepoAccess(new TreeSet<>(), Set.of());

    RepoAccess {
        read = new TreeSet<>(read);
        write = Set.copyOf(write);
    }

    boolean canRead(String repo) {
        return repo != null && read.contains(repo.toLowerCase(Locale.ROOT));
    }

    boolean canWrite(String repo) {
        return canRead(repo) && write.contains(repo.toLowerCase(Locale.ROOT));
    }
}
