package dev.selfcode.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint findings and failing tests attributed to the repository's source files and functions, from real reports and
 * traces (src/test/resources/traces: pytest's JUnit XML, a unittest traceback and node's TAP, written by the sandbox
 * images; Surefire's XML by Maven in selfcode/java:17) and jest's JSON shape.
 */
class AttributeErrorsTest {

    static final Path TRACES = Path.of("src/test/resources/traces");

    @TempDir
    Path repo;

    void files(Map<String, String> files) throws IOException {
        for (var f : files.entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    static String trace(String name) throws IOException {
        return Files.readString(TRACES.resolve(name));
    }

    static final String B_PY = """
            import os


            def divide(x, y):
                return x / y


            class Ratio:
                def value(self):
                    return divide(1, 0)
            """;

    void pythonRepo() throws IOException {
        files(Map.of("a.py", "def add(x, y):\n    return x + y\n", "b.py", B_PY, "tests/__init__.py", "",
                "tests/test_b.py", "from b import Ratio, divide\n"));
    }

    @Test
    void pytestFailuresGoToTheDeepestSourceFrameAndLintToItsLine() throws IOException {
        pythonRepo();
        JUnitReport report = JUnitReportParser.parse(trace("pytest-junit.xml").getBytes(UTF_8));
        assertThat(report.failures()).hasSize(2);
        assertThat(report.failures().get(0).suite()).isEqualTo("tests.test_b");
        String flake8 = "./b.py:1:1: F401 'os' imported but unused\n./b.py:5:80: E501 line too long\n"
                + "./gone.py:1:1: E999 no such file\nflake8: error without a file\n";

        List<ModuleError> errors = AttributeErrors.of(repo, flake8, report.failures());

        // Both tests fail in divide (one through Ratio.value): the deepest frame, not the test or the caller.
        assertThat(errors).containsExactly(new ModuleError("b.py", null, 1, 0), new ModuleError("b.py", "divide", 1, 2));
    }

    @Test
    void aUnittestTracebackGoesToItsDeepestSourceFrame() throws IOException {
        pythonRepo();
        TestFailure failure = new TestFailure("tests.test_b.RatioTest", null, trace("unittest.txt"));
        assertThat(AttributeErrors.of(repo, "", List.of(failure))).containsExactly(new ModuleError("b.py", "divide", 0, 1));
    }

    @Test
    void aFailureOnlyInTheTestGoesToTheFileTheTestIsNamedAfter() throws IOException {
        pythonRepo();
        TestFailure failure = new TestFailure("tests.test_b", null, """
                def test_add():
                >       assert 1 == 2
                E       assert 1 == 2

                tests/test_b.py:9: AssertionError""");
        assertThat(AttributeErrors.of(repo, "", List.of(failure))).containsExactly(new ModuleError("b.py", null, 0, 1));
    }

    @Test
    void nodeTapStacksGoToTheFunctionInTheSource() throws IOException {
        files(Map.of("src/b.js", """
                function divide(x, y) {
                  if (y === 0) {
                    throw new Error('division by zero');
                  }
                  return x / y;
                }

                module.exports = { divide };
                """, "test/b.test.js", "// the test\n"));
        JUnitReport report = TapReportParser.parse(trace("node-test.tap").getBytes(UTF_8));
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures()).hasSize(1);
        assertThat(report.failures().get(0).trace()).contains("divide (/workspace/src/b.js:3:11)");
        assertThat(AttributeErrors.of(repo, "", report.failures()))
                .containsExactly(new ModuleError("src/b.js", "divide", 0, 1));
    }

    @Test
    void jestFailureMessagesAndItsTestFilesName() throws IOException {
        files(Map.of("src/b.js", "function divide(x, y) {\n  if (y === 0) {\n    throw new Error('zero');\n  }\n"
                + "  return x / y;\n}\n\nmodule.exports = { divide };\n", "__tests__/b.test.js", "// tests\n"));
        String json = """
                {"numFailedTests":2,"testResults":[{"name":"/workspace/__tests__/b.test.js","status":"failed","message":"",
                 "assertionResults":[
                  {"ancestorTitles":["divide"],"title":"throws","status":"failed","failureMessages":[
                   "Error: zero\\n    at divide (/workspace/src/b.js:3:11)\\n    at Object.<anonymous> (/workspace/__tests__/b.test.js:4:12)\\n    at Promise.then.completed (/workspace/node_modules/jest-circus/build/utils.js:298:28)"]},
                  {"ancestorTitles":["divide"],"title":"is wrong on purpose","status":"failed","failureMessages":[
                   "Error: expect(received).toBe(expected) // Object.is equality\\n\\nExpected: 7\\nReceived: 6\\n    at Object.toBe (/workspace/__tests__/b.test.js:8:24)\\n    at Promise.then.completed (/workspace/node_modules/jest-circus/build/utils.js:298:28)"]},
                  {"ancestorTitles":["divide"],"title":"passes","status":"passed","failureMessages":[]}]}]}
                """;
        JUnitReport report = JestReportParser.parse(json.getBytes(UTF_8));
        assertThat(report.failures()).hasSize(2);
        assertThat(AttributeErrors.of(repo, "", report.failures())).containsExactly(
                new ModuleError("src/b.js", null, 0, 1), new ModuleError("src/b.js", "divide", 0, 1));
    }

    @Test
    void surefireStackTracesGoToTheSourceFileByPackagePathAndTheRootCause() throws IOException {
        String calc = Files.readString(TRACES.resolve("Calc.java.txt"));
        files(Map.of("src/main/java/demo/Calc.java", calc, "src/test/java/demo/CalcTest.java", "// tests\n",
                "src/main/java/other/Calc.java", "package other;\n"));
        JUnitReport report = JUnitReportParser.parse(trace("TEST-demo.CalcTest.xml").getBytes(UTF_8));
        assertThat(report.failed() + report.errored()).isEqualTo(3);
        // divideByZero and wraps (through its cause) in divide; the assertion failing in the test goes to Calc.java.
        assertThat(AttributeErrors.of(repo, "", report.failures())).containsExactly(
                new ModuleError("src/main/java/demo/Calc.java", null, 0, 1),
                new ModuleError("src/main/java/demo/Calc.java", "divide", 0, 2));
    }

    @Test
    void theNamingConventionsOfTestFiles() throws IOException {
        files(Map.of("pkg/x.py", "", "pkg/y.py", "", "src/main/java/demo/Foo.java", "", "src/main/java/old/Foo.java",
                "", "lib/foo.js", "", "lib/bar.ts", "", "src/sum.js", "", "tests/test_x.py", "", "test/sum.js", ""));
        SourceFiles index = SourceFiles.of(repo);
        assertThat(index.testedBy("tests/test_x.py")).hasValue("pkg/x.py");
        assertThat(index.testedBy("y_test.py")).hasValue("pkg/y.py");
        assertThat(index.testedBy("src/test/java/demo/FooTest.java")).hasValue("src/main/java/demo/Foo.java");
        assertThat(index.testedBy("src/test/java/old/FooIT.java")).hasValue("src/main/java/old/Foo.java");
        assertThat(index.testedBy("test/foo.test.js")).hasValue("lib/foo.js");
        assertThat(index.testedBy("test/foo.spec.js")).hasValue("lib/foo.js");
        assertThat(index.testedBy("test/bar.spec.ts")).hasValue("lib/bar.ts");
        assertThat(index.testedBy("test/sum.js")).hasValue("src/sum.js");
        assertThat(index.testedBy("test_missing.py")).isEmpty();
        assertThat(SourceFiles.isTest("tests/helpers.py")).isTrue();
        assertThat(SourceFiles.isTest("src/test/java/demo/Util.java")).isTrue();
        assertThat(SourceFiles.isTest("lib/testing_tools.py")).isFalse();
    }

    @Test
    void pathsOutsideTheCheckoutAreNobodysModule() throws IOException {
        files(Map.of("b.py", B_PY, "build/lib/b.py", B_PY, "node_modules/x/index.js", "", "src/build/util.py", ""));
        SourceFiles index = SourceFiles.of(repo);
        assertThat(index.resolve("build/lib/b.py")).as("build output at the root").isEmpty();
        assertThat(index.resolve("/workspace/node_modules/x/index.js")).isEmpty();
        assertThat(index.resolve("src/build/util.py")).as("a package named build").hasValue("src/build/util.py");
        assertThat(index.resolve("/workspace/b.py")).hasValue("b.py");
        assertThat(index.resolve("file:///workspace/b.py")).hasValue("b.py");
        assertThat(index.resolve("./b.py")).hasValue("b.py");
        assertThat(index.resolve("/usr/lib/python3.11/b.py")).isEmpty();
        assertThat(index.resolve("../b.py")).isEmpty();
        TestFailure failure = new TestFailure("", null, "File \"/usr/lib/python3.11/unittest/case.py\", line 3, in x");
        assertThat(AttributeErrors.of(repo, "", List.of(failure))).isEmpty();
    }

    @Test
    void aLongTraceKeepsItsHeadAndTail() {
        String trace = "java.lang.IllegalStateException\n\tat demo.Calc.divide(Calc.java:6)\n" + "x".repeat(1 << 20)
                + "\nb.py:5: ZeroDivisionError";
        TestFailure f = new TestFailure("s", null, trace);
        assertThat(f.trace().length()).isLessThan(TestFailure.MAX_TRACE + 10);
        assertThat(f.trace()).startsWith("java.lang.IllegalStateException\n\tat demo.Calc.divide")
                .endsWith("b.py:5: ZeroDivisionError");
    }
}
