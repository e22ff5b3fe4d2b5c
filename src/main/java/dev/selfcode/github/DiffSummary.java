package dev.selfcode.github;

import java.util.ArrayList;
import java.util.List;

/**
 * Files and added/removed line counts of a unified diff, and the diff itself cut to a size a PR body can carry,
 * fenced so that backticks inside it cannot close the block.
 */
public record DiffSummary(List<FileChange> files, int added, int removed, String excerpt, boolean cut, String fence) {

    static final int MAX_EXCERPT = 20_000;

    /** One changed file. */
    public record FileChange(String path, int added, int removed) {
    }

    public static DiffSummary of(String diff) {
        List<FileChange> files = new ArrayList<>();
        String path = null;
        int fileAdded = 0;
        int fileRemoved = 0;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                if (path != null) {
                    files.add(new FileChange(path, fileAdded, fileRemoved));
                }
                int b = line.lastIndexOf(" b/");
                path = b < 0 ? line.substring(11) : line.substring(b + 3);
                fileAdded = 0;
                fileRemoved = 0;
            } else if (line.startsWith("+") && !line.startsWith("+++")) {
                fileAdded++;
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                fileRemoved++;
            }
        }
        if (path != null) {
            files.add(new FileChange(path, fileAdded, fileRemoved));
        }
        int added = files.stream().mapToInt(FileChange::added).sum();
        int removed = files.stream().mapToInt(FileChange::removed).sum();
        boolean cut = diff.length() > MAX_EXCERPT;
        String excerpt = cut ? diff.substring(0, MAX_EXCERPT) : diff;
        return new DiffSummary(List.copyOf(files), added, removed, excerpt.stripTrailing(), cut, fenceFor(excerpt));
    }

    /** A backtick fence longer than any run of backticks in the text (at least three). */
    static String fenceFor(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
