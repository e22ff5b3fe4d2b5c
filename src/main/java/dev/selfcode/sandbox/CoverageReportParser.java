package dev.selfcode.sandbox;

import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.selfcode.text.Text;

/** Line coverage in percent from a Cobertura XML, JaCoCo XML or LCOV report, told apart by content. */
final class CoverageReportParser {

    static final int MAX_BYTES = 64 * 1024 * 1024;

    private CoverageReportParser() {
    }

    static Parsed<Double> parse(byte[] report) {
        if (report.length > MAX_BYTES) {
            return Parsed.failed("coverage report larger than " + MAX_BYTES + " bytes");
        }
        return SafeXml.looksLikeXml(report) ? parseXml(report) : parseLcov(new String(report, StandardCharsets.UTF_8));
    }

    private static Parsed<Double> parseXml(byte[] xml) {
        XMLStreamReader r = null;
        try {
            r = SafeXml.reader(xml);
            int depth = 0;
            String root = null;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                    continue;
                }
                depth++;
                if (root == null) {
                    root = r.getLocalName();
                    if (root.equals("coverage")) {
                        return cobertura(r);
                    }
                    if (!root.equals("report")) {
                        return Parsed.failed("not a Cobertura or JaCoCo report (root element <" + root + ">)");
                    }
                } else if (depth == 2 && r.getLocalName().equals("counter")
                        && "LINE".equals(r.getAttributeValue(null, "type"))) {
                    // JaCoCo: the report's own LINE counter (nested ones are per package/class).
                    return percent(r.getAttributeValue(null, "covered"), r.getAttributeValue(null, "missed"), true);
                }
            }
            return Parsed.failed(root == null ? "empty coverage report" : "JaCoCo report without a LINE counter");
        } catch (XMLStreamException | RuntimeException e) {
            return Parsed.failed("malformed coverage XML: " + JUnitReportParser.firstLine(e.getMessage()));
        } finally {
            JUnitReportParser.close(r);
        }
    }

    private static Parsed<Double> cobertura(XMLStreamReader r) {
        String covered = r.getAttributeValue(null, "lines-covered");
        String valid = r.getAttributeValue(null, "lines-valid");
        if (covered != null && valid != null) {
            return percent(covered, valid, false);
        }
        String rate = r.getAttributeValue(null, "line-rate");
        if (rate == null) {
            return Parsed.failed("Cobertura report without line-rate");
        }
        try {
            double value = Double.parseDouble(rate.strip());
            if (!(value >= 0 && value <= 1)) {
                return Parsed.failed("Cobertura line-rate out of range: " + rate);
            }
            return Parsed.ok(value * 100);
        } catch (NumberFormatException e) {
            return Parsed.failed("Cobertura line-rate is not a number: " + abbreviate(rate));
        }
    }

    /** {@code covered / (covered + other)} when {@code otherIsMissed}, else {@code covered / other}. */
    private static Parsed<Double> percent(String coveredText, String otherText, boolean otherIsMissed) {
        try {
            long covered = Long.parseLong(coveredText.strip());
            long other = Long.parseLong(otherText.strip());
            long total = otherIsMissed ? covered + other : other;
            if (covered < 0 || other < 0 || covered > total) {
                return Parsed.failed("inconsistent line counts: " + covered + " of " + total);
            }
            return total == 0 ? Parsed.failed("the report counts no lines") : Parsed.ok(100.0 * covered / total);
        } catch (NumberFormatException | NullPointerException e) {
            return Parsed.failed("line counts are not numbers");
        }
    }

    private static Parsed<Double> parseLcov(String text) {
        long found = 0, hit = 0;
        boolean lcov = false;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            try {
                if (line.startsWith("LF:")) {
                    found += Long.parseLong(line.substring(3).strip());
                    lcov = true;
                } else if (line.startsWith("LH:")) {
                    hit += Long.parseLong(line.substring(3).strip());
                    lcov = true;
                }
            } catch (NumberFormatException e) {
                return Parsed.failed("LCOV line count is not a number: " + abbreviate(line));
            }
        }
        if (!lcov) {
            return Parsed.failed("not a Cobertura, JaCoCo or LCOV report");
        }
        if (found <= 0 || hit < 0 || hit > found) {
            return Parsed.failed("inconsistent LCOV totals: LH " + hit + " of LF " + found);
        }
        return Parsed.ok(100.0 * hit / found);
    }

    private static String abbreviate(String s) {
        return Text.shorten(s, 80, "...");
    }
}
