package dev.selfcode.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made and hostile JUnit XML; real reports from pytest, Surefire and node are in SandboxReportsTest. */
class JUnitReportParserTest {

    @TempDir
    Path tmp;

    private static JUnitReport parse(String xml) {
        return JUnitReportParser.parse(xml.getBytes(UTF_8));
    }

    @Test
    void countsFailuresErrorsAndSkipsPerTestCase() {
        JUnitReport r = parse("""
                <?xml version="1.0" encoding="utf-8"?>
                <testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="99">
                  <testcase classname="t" name="ok"/>
                  <testcase classname="t" name="ok2"><system-out>hi</system-out></testcase>
                  <testcase classname="t" name="bad"><failure message="assert 1 == 2">trace</failure></testcase>
                  <testcase classname="t" name="boom"><error message="fixture">trace</error></testcase>
                  <testcase classname="t" name="later"><skipped type="pytest.skip" message="no"/></testcase>
                  <testcase classname="t" name="both"><failure/><error/></testcase>
                </testsuite></testsuites>
                """);
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.JUNIT);
        // The summary attributes lie (tests="99"); the test cases are what counts.
        assertThat(r).extracting(JUnitReport::passed, JUnitReport::failed, JUnitReport::errored, JUnitReport::skipped)
                .containsExactly(2, 2, 1, 1);
        assertThat(r.failingIds()).containsExactly("t::bad", "t::boom", "t::both");
        assertThat(r.skippedIds()).containsExactly("t::later");
        assertThat(r.passedIds()).containsExactly("t::ok", "t::ok2");
    }

    @Test
    void readsNestedSuitesAsNodeWritesThem() {
        JUnitReport r = parse("""
                <testsuites>
                  <testsuite name="math">
                    <testsuite name="inner"><testcase name="a"/><testcase name="b"><failure type="testCodeFailure"/></testcase></testsuite>
                    <testcase name="c"><skipped type="todo"/></testcase>
                  </testsuite>
                  <testcase name="top"/>
                </testsuites>
                """);
        assertThat(r).extracting(JUnitReport::passed, JUnitReport::failed, JUnitReport::skipped).containsExactly(2, 1, 1);
    }

    @Test
    void namesEachTestBySuiteAndName() {
        JUnitReport pytest = parse("""
                <testsuites><testsuite name="pytest"><testcase classname="tests.test_a" name="test_x"/>
                <testcase classname="tests.test_b" name="test_x"/></testsuite></testsuites>""");
        assertThat(pytest.ids()).containsExactly("tests.test_a::test_x", "tests.test_b::test_x");
        // node leaves classname out and nests suites: the path of suites tells same-named tests apart.
        JUnitReport node = parse("""
                <testsuites><testsuite name="math"><testsuite name="add"><testcase name="works"/></testsuite>
                <testsuite name="sub"><testcase name="works"/></testsuite></testsuite><testcase name="top"/></testsuites>""");
        assertThat(node.ids()).containsExactly("math/add::works", "math/sub::works", "::top");
    }

    @Test
    void anEmptySuiteIsAReportWithNoTests() {
        JUnitReport r = parse("<testsuite name=\"s\" tests=\"0\"/>");
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.JUNIT);
        assertThat(r.total()).isZero();
    }

    @Test
    void otherXmlIsNotAReport() {
        assertThat(parse("<coverage line-rate=\"0.5\"/>").kind()).isEqualTo(JUnitReport.Kind.NOT_JUNIT);
    }

    @Test
    void garbageTruncationAndEmptinessAreUnparseable() {
        assertThat(parse("PK\u0003\u0004 not xml").kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(parse("<testsuite><testcase name=\"a\">").kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(parse("").problem()).isEqualTo("not XML");
        assertThat(JUnitReportParser.parse(new byte[]{(byte) 0xff, (byte) 0xfe, 0, '<'}).kind())
                .isEqualTo(JUnitReport.Kind.UNPARSEABLE);
    }

    @Test
    void tooLargeIsRefusedWithoutParsing() {
        byte[] huge = new byte[JUnitReportParser.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '<';
        JUnitReport r = JUnitReportParser.parse(huge);
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(r.problem()).contains("larger than");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<testsuite>" + "<a>".repeat(1000) + "</a>".repeat(1000) + "</testsuite>";
        assertThat(parse(deep).problem()).contains("nested deeper");
    }

    @Test
    void externalEntitiesAreNeverRead() throws Exception {
        // A FIFO without a writer blocks whoever opens it: a parser that resolves the entity would hang.
        Path fifo = tmp.resolve("secret");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + fifo.toUri() + "\">]>"
                + "<testsuite><testcase name=\"&xxe;\"/></testsuite>";
        JUnitReport r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parse(xml));
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
        assertThat(r.problem()).contains("xxe");
    }

    @Test
    void externalDtdsAreNeverFetched() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE testsuite SYSTEM \"http://127.0.0.1:" + server.getLocalPort()
                    + "/evil.dtd\"><testsuite><testcase name=\"a\"/></testsuite>";
            JUnitReport r = parse(xml);
            assertThat(r.kind()).isEqualTo(JUnitReport.Kind.JUNIT);
            assertThat(r.passed()).isEqualTo(1);
            server.setSoTimeout(200);
            boolean contacted;
            try (var ignored = server.accept()) {
                contacted = true;
            } catch (SocketTimeoutException e) {
                contacted = false;
            }
            assertThat(contacted).as("the parser fetched the external DTD").isFalse();
        }
    }

    @Test
    void entityExpansionBombsDoNotExpand() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE testsuite [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = dtd + "<testsuite><testcase name=\"&l10;\"/></testsuite>";
        JUnitReport r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parse(xml));
        assertThat(r.kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
    }

    @Test
    void aReportWrittenToDiskByAHostileSuiteIsReadSafely() throws Exception {
        Path file = tmp.resolve("junit.xml");
        Files.writeString(file, "<testsuite><testcase name=\"\u0000\"/></testsuite>");
        assertThat(JUnitReportParser.parse(Files.readAllBytes(file)).kind()).isEqualTo(JUnitReport.Kind.UNPARSEABLE);
    }
}
