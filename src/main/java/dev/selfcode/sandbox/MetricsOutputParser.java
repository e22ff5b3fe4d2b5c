package dev.selfcode.sandbox;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the repository's own numbers from its metrics command's output: the last JSON object printed,
 * keeping only its top-level finite numbers (e.g. {@code {"roi": 12.5}}).
 */
final class MetricsOutputParser {

    static final int MAX_KEYS = 100;
    static final int MAX_KEY_LENGTH = 64;
    private static final int MAX_ATTEMPTS = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(64).maxStringLength(64 * 1024).build());
    }

    private MetricsOutputParser() {
    }

    static Parsed<Map<String, Double>> parse(String output) {
        // The last object is the one that ends last; scanning '{' from the right, an earlier start only wins
        // when its object ends at least as late (it encloses the one found), so nested objects never win.
        char[] text = output.toCharArray();
        JsonNode best = null;
        long bestEnd = -1;
        int attempts = 0;
        for (int start = output.lastIndexOf('{'); start >= 0
                && attempts < MAX_ATTEMPTS; start = output.lastIndexOf('{', start - 1), attempts++) {
            try (JsonParser p = JSON.getFactory().createParser(text, start, text.length - start)) {
                JsonNode node = JSON.readTree(p);
                long end = p.currentLocation().getCharOffset();
                if (node != null && node.isObject() && start + end >= bestEnd) {
                    best = node;
                    bestEnd = start + end;
                }
            } catch (Exception e) {
                // not JSON from here: try the next '{' to the left
            }
        }
        return best == null ? Parsed.failed("the metrics command printed no JSON object") : numbers(best);
    }

    private static Parsed<Map<String, Double>> numbers(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && values.size() < MAX_KEYS;) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (e.getValue().isNumber() && !key.isBlank() && key.length() <= MAX_KEY_LENGTH) {
                double v = e.getValue().doubleValue();
                if (Double.isFinite(v)) {
                    values.put(key, v);
                }
            }
        }
        return values.isEmpty()
                ? Parsed.failed("the last JSON object printed has no numeric value")
                : Parsed.ok(Map.copyOf(values));
    }
}
