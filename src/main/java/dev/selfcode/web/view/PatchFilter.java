package dev.selfcode.web.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which patch attempts to list: every filter optional (null), newest first, {@code limit} per page.
 *
 * @param repo     {@code owner/name}
 * @param decision KEEP, REVERT, FAILED or PENDING
 * @param trigger  what started it: comment, label, cli, sweep, ...
 * @param since    made at or after
 * @param before   only ids below this (from the cursor)
 * @param limit    rows per page, 1..{@value #MAX_LIMIT}
 */
public record PatchFilter(String repo, String decision, String trigger, Instant since, Long before, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final String CURSOR_TAG = "patches";
    static final Set<String> DECISIONS = Set.of("KEEP", "REVERT", "FAILED", "PENDING");
    static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}/[A-Za-z0-9_.\\-]{1,100}");
    private static final Pattern TRIGGER = Pattern.compile("[a-z0-9_\\-]{1,32}");

    /** The first page of everything. */
    public static PatchFilter all(int limit) {
        return new PatchFilter(null, null, null, null, null, limit);
    }

    /**
     * From query parameters as given (null or blank: not given); {@link InvalidQuery} names the bad one. A decision
     * is matched without regard to case.
     */
    public static PatchFilter parse(String repo, String decision, String trigger, String since, String cursor,
            String limit) {
        return new PatchFilter(repo(repo), decision(decision), trigger(trigger), since(since),
                blank(cursor) ? null : Cursor.parse(CURSOR_TAG, cursor.strip()), limit(limit));
    }

    /** The same filter one page further: below {@code lastId}. */
    public PatchFilter after(long lastId) {
        return new PatchFilter(repo, decision, trigger, since, lastId, limit);
    }

    static String repo(String repo) {
        if (blank(repo)) {
            return null;
        }
        if (!REPO.matcher(repo.strip()).matches()) {
            throw new InvalidQuery("repo", "repo must be owner/name, was '" + repo + "'");
        }
        return repo.strip();
    }

    static String decision(String decision) {
        if (blank(decision)) {
            return null;
        }
        String d = decision.strip().toUpperCase(Locale.ROOT);
        if (!DECISIONS.contains(d)) {
            throw new InvalidQuery("decision", "decision must be one of KEEP, REVERT, FAILED, PENDING, was '"
                    + decision + "'");
        }
        return d;
    }

    static String trigger(String trigger) {
        if (blank(trigger)) {
            return null;
        }
        if (!TRIGGER.matcher(trigger.strip()).matches()) {
            throw new InvalidQuery("trigger", "trigger must be a word such as comment, label, cli or sweep, was '"
                    + trigger + "'");
        }
        return trigger.strip();
    }

    /** An ISO-8601 instant ({@code 2026-11-30T05:00:00Z}) or a date ({@code 2026-11-30}, midnight UTC). */
    static Instant since(String since) {
        if (blank(since)) {
            return null;
        }
        String s = since.strip();
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidQuery("since", "since must be an ISO-8601 instant (2026-11-30T05:00:00Z) or a date"
                    + " (2026-11-30), was '" + since + "'");
        }
    }

    static int limit(String limit) {
        if (blank(limit)) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidQuery("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + limit
                + "'");
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
