package dev.selfcode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Real GitHub webhook payloads from the npm package @octokit/webhooks-examples (fetched by
 * scripts/fetch-github-fixtures.sh into .github-fixtures/, gitignored), by event and action, ready to patch and sign.
 * The package's {@code api.github.com/index.json} lists every event with its actions and example payloads.
 */
public final class WebhookFixtures {

    private static JsonNode index;

    private WebhookFixtures() {
    }

    private static synchronized JsonNode index() {
        if (index == null) {
            try {
                index = Json.MAPPER.readTree(GitHubFixtures.webhookExamples().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the webhook examples", e);
            }
        }
        return index;
    }

    /** Every event that has examples, e.g. issue_comment, pull_request, installation. */
    public static List<String> events() {
        List<String> events = new ArrayList<>();
        index().forEach(event -> events.add(event.path("name").asText()));
        return events;
    }

    /**
     * The first example of an event with this action (null for action-less events such as push), as a copy to
     * patch; an IllegalArgumentException names what exists when there is none.
     */
    public static WebhookPayload payload(String event, String action) {
        return payload(event, action, 0);
    }

    /** The {@code n}th (from 0) example of an event with this action. */
    public static WebhookPayload payload(String event, String action, int n) {
        List<JsonNode> matching = examples(event, action);
        if (n < 0 || n >= matching.size()) {
            throw new IllegalArgumentException("no example #" + n + " of " + event + "." + action + " (there are "
                    + matching.size() + "; actions of " + event + ": " + actions(event) + ")");
        }
        return new WebhookPayload(event, (ObjectNode) matching.get(n).deepCopy());
    }

    /** How many examples an event has for this action. */
    public static int count(String event, String action) {
        return examples(event, action).size();
    }

    /** The actions an event's examples carry. */
    public static List<String> actions(String event) {
        List<String> actions = new ArrayList<>();
        event(event).path("examples").forEach(example -> {
            String action = example.path("action").asText(null);
            if (action != null && !actions.contains(action)) {
                actions.add(action);
            }
        });
        return actions;
    }

    private static List<JsonNode> examples(String event, String action) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode example : event(event).path("examples")) {
            if (example.isObject() && Objects.equals(action, example.path("action").asText(null))) {
                matching.add(example);
            }
        }
        return matching;
    }

    private static JsonNode event(String event) {
        for (JsonNode candidate : index()) {
            if (event.equals(candidate.path("name").asText())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no webhook event " + event + " in @octokit/webhooks-examples; events: "
                + events());
    }
}
