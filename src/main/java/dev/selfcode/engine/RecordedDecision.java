package dev.selfcode.engine;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.metrics.PatchAttempt;

/**
 * A decision read back from its {@code patch_history} row: the rows {@link RecordPatch} stored as numbers (JSON),
 * the verdict and the reasons, so that {@code selfcode show} renders the same table {@code selfcode apply} printed.
 * How the tests were counted and the flaky tests left out are not recorded, so the table read back has no such lines.
 */
public final class RecordedDecision {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Decision.Row>> ROWS = new TypeReference<>() {
    };

    private RecordedDecision() {
    }

    /** The attempt's decision; no rows for an attempt that never reached the decide stage. */
    public static Decision of(PatchAttempt a) {
        return new Decision(PatchAttempt.KEEP.equals(a.decision) ? Decision.Verdict.KEEP : Decision.Verdict.REVERT,
                rows(a.decisionTable), reasons(a.reasons));
    }

    /** The rows as {@link RecordPatch#rows} wrote them; empty for none. */
    public static List<Decision.Row> rows(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, ROWS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recorded decision rows cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** One reason a line, as {@link RecordPatch} joined them; a failure's detail follows its first line. */
    public static List<String> reasons(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
