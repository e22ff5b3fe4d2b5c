package dev.selfcode.engine;

import java.io.IOException;
import java.util.Optional;

/** Makes a decision visible: the CLI's local branch, or the GitHub App's pull request and comments. */
public interface Publisher {

    /** The change was kept and committed on the worktree's branch; returns what was published (e.g. a PR URL). */
    Optional<String> keep(PatchReport report) throws IOException;

    /** The change was thrown away; explain why where the user will see it. */
    void revert(PatchReport report) throws IOException;
}
