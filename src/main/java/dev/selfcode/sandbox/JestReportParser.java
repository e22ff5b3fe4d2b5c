package dev.selfcode.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Counts the tests of jest's JSON results ({@code jest --json --outputFile=...}), one per assertion result, with
 * ids {@code file > describe > ...::title}. A test file that failed to run at all (a syntax error, a failing import)
 * counts as one errored test. The summary numbers ({@code numPassedTests}, ...) are not trusted: the results are.
 */
final class JestReportParser {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JestReportParser() {
    }

    static JUnitReport parse(byte[] json) {
        if (json.length > JUnitReportParser.MAX_BYTES) {
            return JUnitReport.unparseable("larger than " + JUnitReportParser.MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException | RuntimeException e) {
            return JUnitReport.unparseable("not jest's JSON: " + JUnitReportParser.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("testResults").isArray()) {
            return JUnitReport.unparseable("not jest's JSON results (no testResults list)");
        }
        int passed = 0, failed = 0, errored = 0, skipped = 0;
        List<String> ids = new ArrayList<>();
        List<TestFailure> failures = new ArrayList<>();
        List<String> failingIds = new ArrayList<>();
        List<String> skippedIds = new ArrayList<>();
        for (JsonNode file : root.get("testResults")) {
            String path = relative(file.path("name").asText(""));
            JsonNode results = file.path("assertionResults");
            if (!results.isArray() || results.isEmpty()) {
                if (!file.path("message").asText("").isBlank() || "failed".equals(file.path("status").asText())) {
                    errored++; // the file did not run: its tests are unknown, the failure is not
                    ids.add(JUnitReport.id(path, "(test file failed to run)"));
                    failingIds.add(JUnitReport.id(path, "(test file failed to run)"));
                    TestFailure.add(failures, path, path, () -> file.path("message").asText(""));
                }
                continue;
            }
            for (JsonNode a : results) {
                List<String> suite = new ArrayList<>(List.of(path));
                a.path("ancestorTitles").forEach(t -> suite.add(t.asText()));
                String id = JUnitReport.id(String.join(" > ", suite), a.path("title").asText(""));
                ids.add(id);
                switch (a.path("status").asText("")) {
                    case "passed" -> passed++;
                    case "failed" -> {
                        failed++;
                        failingIds.add(id);
                        TestFailure.add(failures, path, path, () -> messages(a));
                    }
                    case "pending", "skipped", "todo", "disabled", "focused" -> {
                        skipped++;
                        skippedIds.add(id);
                    }
                    default -> {
                        errored++;
                        failingIds.add(id);
                        TestFailure.add(failures, path, path, () -> messages(a));
                    }
                }
            }
        }
        return new JUnitReport(JUnitReport.Kind.JUNIT, passed, failed, errored, skipped, null, ids, failures, failingIds,
                skippedIds);
    }

    /** A test's failure messages (each holds the stack), joined. */
    private static String messages(JsonNode assertion) {
        StringBuilder text = new StringBuilder();
        for (JsonNode m : assertion.path("failureMessages")) {
            if (text.length() < TestFailure.MAX_TRACE) {
                text.append(m.asText("")).append('\n');
            }
        }
        return text.toString();
    }

    /** The test file as the repository names it (jest writes absolute paths inside the sandbox). */
    private static String relative(String path) {
        String prefix = Sandbox.WORKSPACE + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
