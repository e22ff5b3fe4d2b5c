package dev.selfcode.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One webhook delivery built from a real example payload: patch it (repository, installation, sender, comment,
 * or anything by JSON pointer), then post {@link #body()} with {@link #headers(String)} (signed with HMAC-SHA256
 * as GitHub signs deliveries).
 */
public final class WebhookPayload {

    private final String event;
    private final ObjectNode json;
    private String deliveryId = UUID.randomUUID().toString();

    WebhookPayload(String event, ObjectNode json) {
        this.event = event;
        this.json = json;
    }

    public String event() {
        return event;
    }

    public String deliveryId() {
        return deliveryId;
    }

    /** Sets the X-GitHub-Delivery id (a fresh UUID by default), e.g. to send the same delivery twice. */
    public WebhookPayload deliveryId(String id) {
        this.deliveryId = id;
        return this;
    }

    /** Renames the repository everywhere (URLs included): name, full_name and owner login. */
    public WebhookPayload repository(String fullName) {
        String[] parts = fullName.split("/", 2);
        String old = json.path("repository").path("full_name").asText(null);
        if (old != null) {
            // Only whole owner/name segments of URLs: after "/" or ":" and before "/", "#", ".git" or the end.
            Pattern segment = Pattern.compile("(?<=[/:])" + Pattern.quote(old) + "(?=[/#.]|$)");
            replaceInStrings(json, text -> segment.matcher(text).replaceAll(Matcher.quoteReplacement(fullName)));
        }
        ObjectNode repository = json.withObjectProperty("repository");
        repository.put("name", parts[1]).put("full_name", fullName);
        repository.withObjectProperty("owner").put("login", parts[0]);
        return this;
    }

    /** Replaces the repository object with the fake's own (same id, URLs and clone URL as its REST answers). */
    public WebhookPayload repository(FakeGitHub fake, String fullName) {
        repository(fullName);
        json.set("repository", fake.json().repository(fullName));
        return this;
    }

    /** Sets (or adds, as GitHub does for app deliveries) the installation id. */
    public WebhookPayload installation(long id) {
        json.withObjectProperty("installation").put("id", id).put("node_id", Json.nodeId("MDIzOkludGVncmF0aW9u", id));
        return this;
    }

    public WebhookPayload sender(String login) {
        json.withObjectProperty("sender").put("login", login);
        return this;
    }

    public WebhookPayload commentBody(String body) {
        json.withObjectProperty("comment").put("body", body);
        return this;
    }

    /** Points every GitHub URL (api.github.com and github.com) at {@code baseUrl}, e.g. the fake's url(). */
    public WebhookPayload rebase(String baseUrl) {
        replaceInStrings(json, text -> text.replace("https://api.github.com", baseUrl)
                .replace("https://github.com", baseUrl));
        return this;
    }

    /**
     * Makes the payload agree with a fake GitHub: its URLs, the repository object, and the installation that holds
     * the repository. Issues, comments and pull requests can then be taken from the fake with {@link #set}.
     */
    public WebhookPayload forFake(FakeGitHub fake, String fullName) {
        rebase(fake.url());
        repository(fake, fullName);
        return installation(fake.installationId(fullName.split("/", 2)[0]));
    }

    /** Sets a value at a JSON pointer such as {@code /issue/number}; creates missing objects on the way. */
    public WebhookPayload set(String pointer, Object value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = json.withObject(path.head());
        String field = path.last().getMatchingProperty();
        if (!(parent instanceof ObjectNode object)) {
            throw new IllegalArgumentException(pointer + " does not name an object field");
        }
        object.set(field, value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value));
        return this;
    }

    /** A copy of the payload as it stands. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    public String body() {
        return json.toString();
    }

    /** The X-Hub-Signature-256 value of {@code body} for {@code secret}: "sha256=" and the hex HMAC-SHA256. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers GitHub sends with this delivery, signed with {@code secret}. */
    public Map<String, String> headers(String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/fake");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-GitHub-Hook-ID", "1");
        headers.put("X-Hub-Signature-256", signature(secret, body().getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static void replaceInStrings(JsonNode node, UnaryOperator<String> change) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(change.apply(field.getValue().asText())));
                } else {
                    replaceInStrings(field.getValue(), change);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(change.apply(array.get(i).asText())));
                } else {
                    replaceInStrings(array.get(i), change);
                }
            }
        }
    }
}
