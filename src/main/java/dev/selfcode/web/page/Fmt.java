package dev.selfcode.web.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

import dev.selfcode.text.Text;
import dev.selfcode.web.view.TrendView;

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

    /**
     * One row of the repository page's samples table, with the data the chart reads. Written here rather than cell
     * by cell in the template: a page holds up to 500 of them, and resolving fourteen expressions a row was a
     * quarter of the page's time. The commit id, the only text, is escaped.
     */
    static RawString sampleRow(TrendView.Sample s) {
        StringBuilder row = new StringBuilder(400).append("<tr data-sample=\"").append(s.id()).append("\" data-t=\"")
                .append(epoch(s.at())).append("\" data-roi=\"").append(s.roi()).append("\" data-errors=\"")
                .append(s.errors()).append("\">\n  <td>").append(utc(s.at())).append("</td><td><code>");
        escape(sha(s.sha()), row).append("</code></td>");
        for (double v : new double[]{s.roi(), s.errors(), s.complexity()}) {
            row.append("<td class=\"num\">").append(Text.fixed(v)).append("</td>");
        }
        for (int n : new int[]{s.testsPassed(), s.testsFailed(), s.testsErrored(), s.lintFindings()}) {
            row.append("<td class=\"num\">").append(n).append("</td>");
        }
        return new RawString(row.append("\n</tr>").toString());
    }

    private static StringBuilder escape(String text, StringBuilder to) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> to.append("&amp;");
                case '<' -> to.append("&lt;");
                case '>' -> to.append("&gt;");
                case '"' -> to.append("&quot;");
                case '\'' -> to.append("&#39;");
                default -> to.append(c);
            }
        }
        return to;
    }

    /** The first 7 characters of a commit id. */
    static String sha(String sha) {
        return sha == null ? "—" : sha.substring(0, Math.min(7, sha.length()));
    }
}
