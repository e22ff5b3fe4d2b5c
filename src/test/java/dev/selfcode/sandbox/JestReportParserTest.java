package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** jest's {@code --json} results, shaped as jest 29 writes them (one file ran, one failed to run). */
class JestReportParserTest {

    static JUnitReport parse(String json) {
        return JestReportParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsEachAssertionResultAndAFileThatFailedToRun() {
        JUnitReport r = parse("""
                {"numFailedTests": 0, "numPassedTests": 600, "numTotalTests": 600, "success": true,
                 "testResults": [
                  {"name": "/workspace/__tests__/sum.test.js", "status": "failed", "message": "  ● mul › is wrong",
                   "assertionResults": [
                    {"ancestorTitles": ["add"], "title": "adds two numbers", "status": "passed"},
                    {"ancestorTitles": ["mul"], "title": "is wrong on purpose", "status": "failed"},
                    {"ancestorTitles": ["mul"], "title": "is not written yet", "status": "pending"},
                    {"ancestorTitles": [], "title": "later", "status": "todo"}]},
                  {"name": "/workspace/__tests__/broken.test.js", "status": "failed",
                   "message": "  ● Test suite failed to run", "assertionResults": []}]}
                """);
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.JUNIT);
        // The summary numbers (600 passed) are ignored: only the results count.
        assertThat(new int[]{r.passed(), r.failed(), r.errored(), r.skipped()}).containsExactly(1, 1, 1, 2);
        assertThat(r.ids()).containsExactly("__tests__/sum.test.js > add::adds two numbers",
                "__tests__/sum.test.js > mul::is wrong on purpose", "__tests__/sum.test.js > mul::is not written yet",
                "__tests__/sum.test.js::later", "__tests__/broken.test.js::(test file failed to run)");
        assertThat(r.failingIds()).containsExactly("__tests__/sum.test.js > mul::is wrong on purpose",
                "__tests__/broken.test.js::(test file failed to run)");
        assertThat(r.passedIds()).containsExactly("__tests__/sum.test.js > add::adds two numbers");
    }

    @Test
    void whatIsNotJestsJsonIsUnparseable() {
        assertThat(parse("{\"numPassedTests\": 3}").kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(parse("not json").kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(parse("{\"testResults\": [], \"testResults\": []}").kind())
                .as("duplicate keys could hide one list behind another").isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(parse("{\"testResults\": []}").total()).isZero();
    }
}
