package dev.selfcode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON helpers shared by the fake GitHub's answers. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A GitHub-style timestamp (seconds, UTC), or JSON null. */
    static void time(ObjectNode node, String field, Instant at) {
        if (at == null) {
            node.putNull(field);
        } else {
            node.put(field, at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
    }

    /** An opaque global node id, like GitHub's, that encodes a type and a database id. */
    static String nodeId(String type, long id) {
        return type + "_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("fake:" + type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** A text field of a request body, or the fallback when absent or not text. */
    static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    static String message(String message) {
        return object().put("message", message).put("documentation_url", "https://docs.github.com/rest").toString();
    }
}
