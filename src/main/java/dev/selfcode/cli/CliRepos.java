package dev.selfcode.cli;

import java.nio.file.Path;

import dev.selfcode.code.ContentHash;
import dev.selfcode.text.Limits;

/** Names local repositories in the history: {@code local:<absolute path>}, shortened when too long for a key. */
final class CliRepos {

    static final int MAX = Limits.INDEXED_CHARS;

    private CliRepos() {
    }

    static String name(Path dir) {
        String name = "local:" + dir.toAbsolutePath().normalize();
        if (name.length() <= MAX) {
            return name;
        }
        return name.substring(0, MAX - 17) + "~" + ContentHash.sha256(name).substring(0, 16);
    }
}
