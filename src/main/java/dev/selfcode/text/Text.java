package dev.selfcode.text;

import java.util.Locale;

/**
 * The one home of small text helpers every package uses: capping text to a column or comment size, one-line
 * excerpts, and number formats. A leaf: imports nothing of ours.
 */
public final class Text {

    private Text() {
    }

    /** The head of {@code text}, at most {@code max} characters, marked when cut; null stays null. */
    public static String cap(String text, int max) {
        return cap(text, max, "\n... (%d more characters cut)");
    }

    /**
     * The head of {@code text}, at most {@code max} characters including the marker, which is a format with one
     * {@code %d} for the number of characters cut. Never splits a surrogate pair (MariaDB rejects half an emoji).
     */
    public static String cap(String text, int max, String markerFormat) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = String.format(Locale.ROOT, markerFormat, text.length() - max);
        int keep = Math.max(0, max - marker.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + marker;
    }

    /** At most the last {@code max} characters, with "..." in front when cut. */
    public static String tail(String text, int max) {
        return text.length() <= max ? text : "..." + text.substring(text.length() - max);
    }

    /** {@code text} cut to {@code max} characters with {@code ellipsis} appended when cut; null becomes "". */
    public static String shorten(String text, int max, String ellipsis) {
        String s = text == null ? "" : text;
        return s.length() > max ? s.substring(0, max) + ellipsis : s;
    }

    /** The first line of {@code text}, at most {@code max} characters (marked with … when cut); null becomes "". */
    public static String firstLine(String text, int max) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return shorten(line, max, "…");
    }

    /** All of {@code text} on one line (line breaks become spaces), at most {@code max} characters, marked with …. */
    public static String oneLine(String text, int max) {
        String line = text == null ? "" : text.replace('\n', ' ').strip();
        return shorten(line, max, "…");
    }

    /** Three decimals, as every table shows a metric: {@code 1.500}. */
    public static String fixed(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Three decimals with a sign, as tables show a delta: {@code +0.250}. */
    public static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

    /** As short as it is exact up to three decimals: {@code 1}, {@code 0.5}, {@code 0.125}. */
    public static String compact(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9
                ? Long.toString((long) v)
                : fixed(v).replaceAll("0+$", "");
    }
}
