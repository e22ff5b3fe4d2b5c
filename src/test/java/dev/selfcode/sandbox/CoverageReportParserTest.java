package dev.selfcode.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-made and hostile coverage reports; real ones come from SandboxReportsTest. */
class CoverageReportParserTest {

    private static Parsed<Double> parse(String report) {
        return CoverageReportParser.parse(report.getBytes(UTF_8));
    }

    @Test
    void coberturaPrefersLineCountsOverTheRate() {
        assertThat(parse("<coverage line-rate=\"0.1\" lines-covered=\"3\" lines-valid=\"4\"/>").value())
                .isCloseTo(75.0, within(1e-9));
        assertThat(parse("<?xml version=\"1.0\" ?><coverage version=\"7\" line-rate=\"0.8333\"><sources/></coverage>")
                .value()).isCloseTo(83.33, within(1e-9));
    }

    @Test
    void jacocoUsesTheReportLevelLineCounterAndIgnoresItsDtd() {
        String report = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
                <report name="seed"><sessioninfo id="x" start="1" dump="2"/>
                  <package name="seed"><counter type="LINE" missed="9" covered="1"/></package>
                  <counter type="INSTRUCTION" missed="3" covered="4"/>
                  <counter type="LINE" missed="1" covered="3"/>
                </report>""";
        Parsed<Double> p = parse(report);
        assertThat(p.problem()).isNull();
        assertThat(p.value()).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void lcovSumsAllRecords() {
        String lcov = "TN:\nSF:/workspace/a.js\nDA:1,1\nLF:10\nLH:5\nend_of_record\nSF:b.js\nLF:10\nLH:10\nend_of_record\n";
        assertThat(parse(lcov).value()).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void nonsenseIsAProblemNotAnException() {
        assertThat(parse("").isOk()).isFalse();
        assertThat(parse("hello").problem()).contains("not a Cobertura, JaCoCo or LCOV");
        assertThat(parse("LF:abc\n").problem()).contains("not a number");
        assertThat(parse("LF:0\nLH:0\n").isOk()).isFalse();
        assertThat(parse("LF:2\nLH:5\n").problem()).contains("inconsistent");
        assertThat(parse("<coverage line-rate=\"7\"/>").problem()).contains("out of range");
        assertThat(parse("<coverage line-rate=\"NaN\"/>").isOk()).isFalse();
        assertThat(parse("<report><counter type=\"LINE\" missed=\"-5\" covered=\"1\"/></report>").isOk()).isFalse();
        assertThat(parse("<report><counter type=\"LINE\" missed=\"x\" covered=\"1\"/></report>").isOk()).isFalse();
        assertThat(parse("<html><body/></html>").problem()).contains("<html>");
        assertThat(parse("<coverage").isOk()).isFalse();
    }

    @Test
    void externalEntitiesAreNotExpanded() {
        Parsed<Double> p = parse("<!DOCTYPE coverage [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<coverage line-rate=\"&x;\"/>");
        assertThat(p.isOk()).isFalse();
    }
}
