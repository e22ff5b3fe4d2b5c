package dev.selfcode.web.view;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.StringJoiner;

/** Conversions for native query rows: DATETIME columns hold UTC wall time (as Hibernate writes an Instant). */
final class Rows {

    private Rows() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    /** A parameter for a DATETIME column. */
    static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    static long longOf(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static Integer intOrNull(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    static Double doubleOrNull(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** {@code ?1, ?2, ...} placeholders for {@code count} parameters starting at {@code first}. */
    static String placeholders(int first, Collection<?> values) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < values.size(); i++) {
            j.add("?" + (first + i));
        }
        return j.toString();
    }
}
