package dev.selfcode.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.selfcode.text.Text;

/**
 * Counts test cases in JUnit XML as written by pytest, Maven Surefire and Node's junit reporter. The
 * {@code testcase} elements are counted rather than the suites' summary attributes, which the writers
 * fill in differently (and a hostile suite could simply lie in them).
 */
final class JUnitReportParser {

    /** Reports larger than this are refused rather than parsed. */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    private static final int MAX_DEPTH = 256;

    private JUnitReportParser() {
    }

    static JUnitReport parse(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            return JUnitReport.unparseable("larger than " + MAX_BYTES + " bytes");
        }
        if (!SafeXml.looksLikeXml(xml)) {
            return JUnitReport.unparseable("not XML");
        }
        XMLStreamReader r = null;
        try {
            r = SafeXml.reader(xml);
            return read(r);
        } catch (XMLStreamException | RuntimeException e) {
            return JUnitReport.unparseable("malformed XML: " + firstLine(e.getMessage()));
        } finally {
            close(r);
        }
    }

    private static JUnitReport read(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        boolean root = true;
        // Outcome of the test case being read: 0 passed, 1 skipped, 2 errored, 3 failed (a failure wins).
        int outcome = -1;
        int caseDepth = -1;
        int passed = 0, failed = 0, errored = 0, skipped = 0;
        List<String> ids = new ArrayList<>();
        List<TestFailure> failures = new ArrayList<>();
        List<String> failingIds = new ArrayList<>();
        List<String> skippedIds = new ArrayList<>();
        String caseId = "";
        // The case being read: its suite and file, and the text of its failure or error element.
        String caseSuite = "";
        String caseFile = null;
        StringBuilder trace = null;
        int traceDepth = -1;
        // Names of the enclosing testsuite elements: node's reporter nests suites and leaves classname out.
        Deque<String> suites = new ArrayDeque<>();
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth > MAX_DEPTH) {
                    return JUnitReport.unparseable("nested deeper than " + MAX_DEPTH + " elements");
                }
                String name = r.getLocalName();
                if (root) {
                    root = false;
                    if (!name.equals("testsuites") && !name.equals("testsuite")) {
                        return JUnitReport.NOT_A_REPORT;
                    }
                } else if (name.equals("testsuite") && caseDepth < 0) {
                    String suite = r.getAttributeValue(null, "name");
                    suites.push(suite == null ? "" : suite);
                } else if (name.equals("testcase") && caseDepth < 0) {
                    caseDepth = depth;
                    outcome = 0;
                    String classname = r.getAttributeValue(null, "classname");
                    List<String> path = new ArrayList<>(suites);
                    java.util.Collections.reverse(path);
                    caseSuite = classname != null ? classname : String.join("/", path);
                    caseFile = r.getAttributeValue(null, "file");
                    caseId = JUnitReport.id(caseSuite, r.getAttributeValue(null, "name"));
                    ids.add(caseId);
                } else if (caseDepth > 0 && depth == caseDepth + 1) {
                    outcome = Math.max(outcome, switch (name) {
                        case "failure" -> 3;
                        case "error" -> 2;
                        case "skipped" -> 1;
                        default -> 0;
                    });
                    if ((name.equals("failure") || name.equals("error")) && trace == null) {
                        trace = new StringBuilder();
                        traceDepth = depth;
                        String message = r.getAttributeValue(null, "message");
                        if (message != null) {
                            trace.append(cap(message)).append('\n');
                        }
                    }
                }
            } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
                    && trace != null && traceDepth > 0 && depth >= traceDepth && trace.length() < TestFailure.MAX_TRACE * 2) {
                trace.append(cap(r.getText()));
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == traceDepth) {
                    traceDepth = -1; // the failure element ended: system-out and the like are not its trace
                }
                if (depth == caseDepth) {
                    if (trace != null && failures.size() < TestFailure.MAX_FAILURES) {
                        failures.add(new TestFailure(caseSuite, caseFile, trace.toString()));
                    }
                    trace = null;
                    switch (outcome) {
                        case 3 -> failed++;
                        case 2 -> errored++;
                        case 1 -> skipped++;
                        default -> passed++;
                    }
                    if (outcome >= 2) {
                        failingIds.add(caseId);
                    } else if (outcome == 1) {
                        skippedIds.add(caseId);
                    }
                    caseDepth = -1;
                } else if (caseDepth < 0 && r.getLocalName().equals("testsuite") && !suites.isEmpty()) {
                    suites.pop();
                }
                depth--;
            }
        }
        if (root) {
            return JUnitReport.unparseable("no root element");
        }
        return new JUnitReport(JUnitReport.Kind.JUNIT, passed, failed, errored, skipped, null, ids, failures, failingIds,
                skippedIds);
    }

    /** A piece of failure text no longer than a trace may be (one huge text node would otherwise be kept whole). */
    private static String cap(String text) {
        return text.length() <= TestFailure.MAX_TRACE * 2 ? text : TestFailure.bounded(text);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown problem";
        }
        // The JDK's messages are "ParseError at [row,col]:[1,9]" then "Message: ..." on the next line.
        String line = String.join(" ", s.lines().map(String::strip).toList());
        return Text.shorten(line, 200, "...");
    }

    static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release: the input is an in-memory array
            }
        }
    }
}
