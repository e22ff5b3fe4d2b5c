package dev.selfcode.text;

/** Sizes several packages must agree on, named once. */
public final class Limits {

    /** The longest description any front end accepts (comment, label, CLI) and a prompt carries. */
    public static final int DESCRIPTION = 2000;

    /** The longest indexed VARCHAR in utf8mb4 (767 bytes / 4 bytes per character): repo names, job source keys. */
    public static final int INDEXED_CHARS = 191;

    private Limits() {
    }
}
