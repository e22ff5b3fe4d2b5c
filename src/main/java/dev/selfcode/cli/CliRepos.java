package dev.selfcode.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names local repositories in the history: {@code local:<absolute path>}, shortened when too long for a key. */
final class CliRepos {

    static final int MAX = 191;

    private CliRepos() {
    }

    static String name(Path dir) {
        String name = "local:" + dir.toAbsolutePath().normalize();
        if (name.length() <= MAX) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)), 0, 8);
            return name.substring(0, MAX - 17) + "~" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
