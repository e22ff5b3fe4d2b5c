package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MetricsOutputParserTest {

    @Test
    void takesTheLastObjectAndOnlyItsNumbers() {
        String out = """
                collecting...
                {"roi": 1.0}
                {"roi": 12.5, "name": "x", "nested": {"deep": 3}, "list": [1], "ok": true, "n": 3}
                done
                """;
        Parsed<Map<String, Double>> p = MetricsOutputParser.parse(out);
        assertThat(p.value()).containsExactlyInAnyOrderEntriesOf(Map.of("roi", 12.5, "n", 3.0));
    }

    @Test
    void prettyPrintedObjectsWork() {
        Parsed<Map<String, Double>> p = MetricsOutputParser.parse("log {x}\n{\n  \"roi\": -2,\n  \"inner\": {\"roi\": 9}\n}\n");
        assertThat(p.value()).isEqualTo(Map.of("roi", -2.0));
    }

    @Test
    void noObjectOrNoNumberIsAProblem() {
        assertThat(MetricsOutputParser.parse("").problem()).contains("no JSON object");
        assertThat(MetricsOutputParser.parse("{not json").problem()).contains("no JSON object");
        assertThat(MetricsOutputParser.parse("[1, 2]").problem()).contains("no JSON object");
        assertThat(MetricsOutputParser.parse("{\"roi\": \"12\"}").problem()).contains("no numeric value");
        assertThat(MetricsOutputParser.parse("{\"roi\": NaN, \"x\": Infinity}").isOk()).isFalse();
    }

    @Test
    void hostileOutputIsBounded() {
        String many = "{".repeat(100_000) + "{\"roi\": 1}";
        assertThat(MetricsOutputParser.parse(many).value()).isEqualTo(Map.of("roi", 1.0));
        StringBuilder big = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            big.append("\"k").append(i).append("\": ").append(i).append(", ");
        }
        big.append("\"").append("x".repeat(100)).append("\": 1}");
        Parsed<Map<String, Double>> p = MetricsOutputParser.parse(big.toString());
        assertThat(p.value()).hasSize(MetricsOutputParser.MAX_KEYS).doesNotContainKey("x".repeat(100));
        assertThat(MetricsOutputParser.parse("{\"roi\": 1" + "0".repeat(1000) + "}").isOk()).isFalse();
    }
}
