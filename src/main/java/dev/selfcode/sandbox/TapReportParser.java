package dev.selfcode.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the tests of a TAP stream (tape, ava {@code --tap}, node's tap reporter). Only top-level lines count;
 * indented subtests and YAML diagnostics are details of their parent. Where {@code # name} comments head groups of
 * test points (tape: one point per assertion), each group is one test that fails when any of its points fails;
 * otherwise each point is one test. A plan promising more points than came is one errored test (the run stopped
 * early), and so is {@code Bail out!}.
 */
final class TapReportParser {

    private static final Pattern POINT = Pattern.compile("^(not )?ok\\b\\s*(\\d+)?\\s*(?:-\\s*)?(.*)$");
    private static final Pattern PLAN = Pattern.compile("^(\\d+)\\.\\.(\\d+)\\b.*");
    private static final Pattern DIRECTIVE = Pattern.compile("\\s#\\s*(SKIP|TODO)\\b.*$", Pattern.CASE_INSENSITIVE);
    /** The summary comments runners print after the plan. */
    private static final Pattern SUMMARY = Pattern.compile(
            "^#\\s*(tests|pass|fail|skip|skipped|todo|ok|suites|cancelled|duration_ms|not ok)\\b\\s*[\\d.]*\\s*$");

    private TapReportParser() {
    }

    static JUnitReport parse(byte[] tap) {
        if (tap.length > JUnitReportParser.MAX_BYTES) {
            return JUnitReport.unparseable("larger than " + JUnitReportParser.MAX_BYTES + " bytes");
        }
        String text = new String(tap, StandardCharsets.UTF_8);
        Counts counts = new Counts();
        int planned = -1;
        int points = 0;
        boolean tap13 = false;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                counts.detail(line); // a subtest, a YAML block, or blank: a failure's trace, if anything
                continue;
            }
            counts.endDetail();
            if (line.startsWith("TAP version")) {
                tap13 = true;
                continue;
            }
            Matcher plan = PLAN.matcher(line);
            if (plan.matches()) {
                planned = Integer.parseInt(plan.group(2)) - Integer.parseInt(plan.group(1)) + 1;
                continue;
            }
            if (line.startsWith("Bail out!")) {
                counts.close();
                counts.errored++;
                counts.ids.add(JUnitReport.id("", line.strip()));
                counts.failingIds.add(JUnitReport.id("", line.strip()));
                continue;
            }
            if (line.startsWith("#")) {
                // node's "# Subtest: name" announces the point that follows; it heads no group.
                if (!SUMMARY.matcher(line).matches() && !line.startsWith("# Subtest:")) {
                    counts.close();
                    counts.group = line.substring(1).strip();
                }
                continue;
            }
            Matcher point = POINT.matcher(line);
            if (point.matches()) {
                points++;
                counts.point(point.group(1) == null, point.group(3));
            }
        }
        counts.endDetail();
        counts.close();
        if (points == 0 && planned < 0 && !tap13) {
            return JUnitReport.unparseable("not TAP: no test point, plan or version line");
        }
        if (planned > points) {
            counts.errored++;
            String missing = JUnitReport.id("", "(" + (planned - points) + " of " + planned + " planned tests never ran)");
            counts.ids.add(missing);
            counts.failingIds.add(missing);
        }
        return new JUnitReport(JUnitReport.Kind.JUNIT, counts.passed, counts.failed, counts.errored, counts.skipped,
                null, counts.ids, counts.failures, counts.failingIds, counts.skippedIds);
    }

    /** Running counts; a named group's points are held until the group closes. */
    private static final class Counts {

        int passed, failed, errored, skipped;
        final List<String> ids = new ArrayList<>();
        final List<TestFailure> failures = new ArrayList<>();
        final List<String> failingIds = new ArrayList<>();
        final List<String> skippedIds = new ArrayList<>();
        String group;
        int groupPoints;
        boolean groupFailed;
        boolean groupAllSkipped = true;
        /** Indented lines since the last top-level line: node prints a failing test's subtests before it. */
        final StringBuilder pending = new StringBuilder();
        /** The failing point whose diagnostics are being read, and what they say so far. */
        String failing;
        StringBuilder trace;
        /** The failure text of the open group's failing points (tape: one point per assertion). */
        StringBuilder groupTrace;

        void detail(String line) {
            StringBuilder to = trace != null ? trace : pending;
            if (to.length() < TestFailure.MAX_TRACE * 2) {
                to.append(line).append('\n');
            }
        }

        /** A top-level line ends the diagnostics of the point before it. */
        void endDetail() {
            if (trace != null) {
                if (group != null) {
                    groupTrace = groupTrace == null ? new StringBuilder() : groupTrace;
                    groupTrace.append(trace);
                } else {
                    String text = trace.toString();
                    TestFailure.add(failures, "", null, () -> failing + "\n" + text);
                }
            }
            trace = null;
            pending.setLength(0);
        }

        void point(boolean ok, String description) {
            Matcher directive = DIRECTIVE.matcher(description);
            boolean skip = directive.find();
            String name = skip ? description.substring(0, directive.start()).strip() : description.strip();
            if (!ok && !skip) {
                failing = name;
                trace = new StringBuilder(pending);
            }
            if (group != null) {
                groupPoints++;
                groupFailed |= !ok && !skip;
                groupAllSkipped &= skip;
                return;
            }
            ids.add(JUnitReport.id("", name));
            if (skip) {
                skipped++; // a failing TODO point is not a failure, as TAP says
                skippedIds.add(JUnitReport.id("", name));
            } else if (ok) {
                passed++;
            } else {
                failed++;
                failingIds.add(JUnitReport.id("", name));
            }
        }

        void close() {
            if (group != null && groupPoints > 0) {
                ids.add(JUnitReport.id("", group));
                if (groupFailed) {
                    failed++;
                    failingIds.add(JUnitReport.id("", group));
                    String text = groupTrace == null ? "" : groupTrace.toString();
                    String name = group;
                    TestFailure.add(failures, "", null, () -> name + "\n" + text);
                } else if (groupAllSkipped) {
                    skipped++;
                    skippedIds.add(JUnitReport.id("", group));
                } else {
                    passed++;
                }
            }
            group = null;
            groupTrace = null;
            groupPoints = 0;
            groupFailed = false;
            groupAllSkipped = true;
        }
    }
}
