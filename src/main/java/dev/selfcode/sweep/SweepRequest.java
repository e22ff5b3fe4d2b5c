package dev.selfcode.sweep;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A sweep job's payload.
 *
 * @param due     the scheduled due time it runs for, null when asked for now (CLI, a maintainer)
 * @param trigger "schedule", "manual", {@value #CONFIG} (only (re)read the schedule) or {@value #MEASURE} (only
 *                measure the default branch, for the rollback watch)
 */
public record SweepRequest(Instant due, String trigger) {

    /** Only read the config and set the schedule: no measurement. */
    public static final String CONFIG = "config";
    /** Only measure the default branch (a push while a merged patch is watched): no refactor. */
    public static final String MEASURE = "measure";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    static SweepRequest scheduled(Instant due) {
        return new SweepRequest(due, "schedule");
    }

    /** A job that only reads the repository's sweep settings and sets its schedule. */
    public static SweepRequest configRead() {
        return new SweepRequest(null, CONFIG);
    }

    /** A job that only measures the default branch, as the rollback watch needs after a push. */
    public static SweepRequest measure() {
        return new SweepRequest(null, MEASURE);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SweepRequest fromJson(String json) {
        try {
            return JSON.readValue(json, SweepRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sweep request: " + e.getOriginalMessage(), e);
        }
    }
}
