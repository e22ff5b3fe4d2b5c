package dev.selfcode.web.view;

import java.util.Arrays;
import java.util.Locale;

import dev.selfcode.job.Job;

/**
 * Which jobs to list, newest first: repository and status optional (null).
 *
 * @param before only ids below this (from the cursor)
 */
public record JobFilter(String repo, String status, Long before, int limit) {

    static final String CURSOR_TAG = "jobs";

    /** From query parameters as given (null or blank: not given); {@link InvalidQuery} names the bad one. */
    public static JobFilter parse(String repo, String status, String cursor, String limit) {
        return new JobFilter(PatchFilter.repo(repo), status(status),
                PatchFilter.blank(cursor) ? null : Cursor.parse(CURSOR_TAG, cursor.strip()), PatchFilter.limit(limit));
    }

    public JobFilter after(long lastId) {
        return new JobFilter(repo, status, lastId, limit);
    }

    static String status(String status) {
        if (PatchFilter.blank(status)) {
            return null;
        }
        String s = status.strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(Job.Status.values()).noneMatch(v -> v.name().equals(s))) {
            throw new InvalidQuery("status", "status must be one of " + Arrays.toString(Job.Status.values())
                    + ", was '" + status + "'");
        }
        return s;
    }
}
