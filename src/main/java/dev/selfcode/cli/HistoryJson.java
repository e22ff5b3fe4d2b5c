package dev.selfcode.cli;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code selfcode history --json}: the attempts listed, newest first. The field names are part of the CLI's interface
 * (README, "selfcode history"): add fields, never rename or drop them. Absent values are {@code null}.
 *
 * @param repo    the repository asked for ({@code local:<path>}), null for all
 * @param limit   the most attempts listed
 * @param patches newest first
 */
record HistoryJson(String repo, int limit, List<Entry> patches) {

    /** Plain Jackson: {@code history} also answers without Quarkus ({@link QuickHistory}). */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One attempt; {@code createdAt} in ISO-8601 UTC, {@code decision} KEEP, REVERT, FAILED or PENDING. */
    record Entry(long id, String createdAt, String repo, String decision, Double roiDelta, Double errorsDelta,
            String file, String description, String failureStage) {
    }

    /** The document as one line. */
    static String of(String repo, int limit, List<HistoryRow> rows) {
        List<Entry> entries = rows.stream().map(r -> new Entry(r.id(), r.createdAt().toString(), r.repo(), r.decision(),
                r.roiDelta(), r.errorsDelta(), r.filePath(), r.description(), r.failureStage())).toList();
        try {
            return JSON.writeValueAsString(new HistoryJson(repo, limit, entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the history as JSON", e);
        }
    }
}
