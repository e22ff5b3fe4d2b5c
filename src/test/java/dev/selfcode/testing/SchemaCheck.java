package dev.selfcode.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema of GitHub's REST description: every required property is there,
 * types match, null only where nullable, enum values known. It follows $ref, allOf, oneOf and anyOf.
 */
final class SchemaCheck {

    private static final int MAX_ITEMS = 5;
    private final JsonNode document;

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** The documented JSON schema of an operation's answer with {@code status}, or null when none is documented. */
    JsonNode responseSchema(String operationId, int status) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            for (JsonNode operation : paths.next().getValue()) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
                    JsonNode schema = response.path("content").path("application/json").path("schema");
                    return schema.isMissingNode() ? null : schema;
                }
            }
        }
        throw new IllegalArgumentException("no operation " + operationId + " in GitHub's REST description");
    }

    /** Every way {@code value} breaks {@code schema}, as "path: problem" lines; empty when it fits. */
    List<String> problems(JsonNode schema, JsonNode value, String path) {
        List<String> problems = new ArrayList<>();
        JsonNode s = resolve(schema);
        boolean isNull = value == null || value.isNull();
        if (isNull && s.path("nullable").asBoolean(false)) {
            return problems;
        }
        for (JsonNode part : s.path("allOf")) {
            problems.addAll(problems(part, value, path));
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (s.has(choice)) {
                problems.addAll(bestAlternative(s.get(choice), value, path));
            }
        }
        if (isNull) {
            if (s.has("type")) {
                problems.add(path + ": null, but the schema does not allow null");
            }
            return problems;
        }
        String type = s.path("type").asText("");
        if (!type.isEmpty() && !fits(type, value)) {
            problems.add(path + ": expected " + type + " but was " + value.getNodeType() + " " + abbreviate(value));
            return problems;
        }
        if (s.has("enum") && value.isValueNode() && !contains(s.get("enum"), value)) {
            problems.add(path + ": " + value + " is not one of " + s.get("enum"));
        }
        if (value.isObject()) {
            for (JsonNode required : s.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(path + "." + required.asText() + ": required but missing");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = s.path("properties").fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> property = fields.next();
                if (value.has(property.getKey())) {
                    problems.addAll(
                            problems(property.getValue(), value.get(property.getKey()), path + "." + property.getKey()));
                }
            }
        }
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < Math.min(MAX_ITEMS, value.size()); i++) {
                problems.addAll(problems(s.get("items"), value.get(i), path + "[" + i + "]"));
            }
        }
        return problems;
    }

    /** The problems of the closest alternative; one of another JSON type than the value is the farthest. */
    private List<String> bestAlternative(JsonNode alternatives, JsonNode value, String path) {
        List<String> best = null;
        int bestScore = Integer.MAX_VALUE;
        for (JsonNode alternative : alternatives) {
            List<String> problems = problems(alternative, value, path);
            String type = resolve(alternative).path("type").asText("");
            boolean otherType = value != null && !value.isNull() && !type.isEmpty() && !fits(type, value);
            int score = problems.size() + (otherType ? 1000 : 0);
            if (score < bestScore) {
                best = problems;
                bestScore = score;
            }
        }
        return best == null ? List.of() : best;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 32; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("external $ref " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
