package dev.selfcode.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A sweep's schedule: a five-field Unix cron expression read in a time zone (UTC unless the repo config names one),
 * parsed by cron-utils. {@link #parse} says what is wrong in words a repo config error can quote.
 */
public record SweepCron(String expression, ZoneId zone, ExecutionTime times) {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** Parses {@code expression} in {@code timezone} (null or blank: UTC). */
    public static SweepCron parse(String expression, String timezone) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty; five fields are needed, e.g. \"0 3 * * 1\"");
        }
        String trimmed = expression.trim();
        int fields = trimmed.split("\\s+").length;
        if (fields != 5) {
            throw new IllegalArgumentException("\"" + trimmed + "\" has " + fields + " fields; a Unix cron has five"
                    + " (minute hour day-of-month month day-of-week), e.g. \"0 3 * * 1\"");
        }
        ZoneId zone;
        try {
            zone = timezone == null || timezone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + timezone + "\" is not a time zone; use a name such as"
                    + " \"Europe/Berlin\" or \"UTC\"");
        }
        try {
            return new SweepCron(trimmed, zone, ExecutionTime.forCron(UNIX.parse(trimmed)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + trimmed + "\" is not a valid cron expression: " + e.getMessage());
        }
    }

    /** The first due time strictly after {@code after}; empty for an expression that never fires (Feb 30). */
    public Optional<Instant> nextAfter(Instant after) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }
}
