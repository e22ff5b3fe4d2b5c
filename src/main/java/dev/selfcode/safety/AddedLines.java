package dev.selfcode.safety;

import java.util.List;

/**
 * The lines of a patched file that a helper added: what lies between the longest common prefix and suffix of the
 * original's lines. A helper is only ever inserted (appended, or after a chunk), so this is exactly its place.
 *
 * @param first first added line of the patched file, 1-based
 * @param last  last added line, inclusive; {@code last < first} when nothing was added
 */
record AddedLines(int first, int last) {

    static AddedLines between(String original, String patched) {
        List<String> before = original.lines().toList();
        List<String> after = patched.lines().toList();
        int prefix = 0;
        while (prefix < before.size() && prefix < after.size() && before.get(prefix).equals(after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < before.size() - prefix && suffix < after.size() - prefix
                && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
            suffix++;
        }
        // Blank lines around the helper are the separator PatchApplier adds, not the helper's own.
        int first = prefix;
        int last = after.size() - suffix - 1;
        while (first <= last && after.get(first).isBlank()) {
            first++;
        }
        while (last >= first && after.get(last).isBlank()) {
            last--;
        }
        return new AddedLines(first + 1, last + 1);
    }

    boolean contains(long line) {
        return line >= first && line <= last;
    }

    /** The line as the helper counts it (its first line is 1). */
    long inHelper(long line) {
        return line - first + 1;
    }
}
