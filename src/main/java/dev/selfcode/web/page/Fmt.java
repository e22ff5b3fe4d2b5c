package dev.selfcode.web.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

import dev.selfcode.text.Text;

/** How the dashboard's templates show numbers and times: {@code {fmt:num(x)}}, {@code {fmt:utc(t)}}. */
@TemplateExtension(namespace = "fmt")
final class Fmt {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** Three decimals, as the decision tables on GitHub and in the CLI; a dash for no number. */
    static String num(Double v) {
        return v == null ? "—" : Text.fixed(v);
    }

    /** A delta with its sign. */
    static String signed(Double v) {
        return v == null ? "—" : Text.signed(v);
    }

    /** A whole count with thousands separators. */
    static String count(Number v) {
        return v == null ? "—" : String.format("%,d", v.longValue());
    }

    static String utc(Instant t) {
        return t == null ? "—" : UTC.format(t);
    }

    /** Seconds since the epoch: the chart's time axis (a data attribute). */
    static long epoch(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }

    /** A number for a data attribute: plain, no grouping; empty for none. */
    static String raw(Double v) {
        return v == null ? "" : Double.toString(v);
    }

    /** The first 7 characters of a commit id. */
    static String sha(String sha) {
        return sha == null ? "—" : sha.substring(0, Math.min(7, sha.length()));
    }
}
