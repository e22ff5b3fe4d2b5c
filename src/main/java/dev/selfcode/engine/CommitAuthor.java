package dev.selfcode.engine;

import org.eclipse.jgit.lib.PersonIdent;

/** Who Selfcode's commits are by: a branch whose commits all carry this identity holds nobody else's work. */
public final class CommitAuthor {

    public static final PersonIdent SELFCODE = new PersonIdent("Selfcode", "selfcode@users.noreply.github.com");

    private CommitAuthor() {
    }
}
