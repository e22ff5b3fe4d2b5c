package dev.selfcode.dotgithub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The rules of GitHub's issue-form syntax and template chooser (config.yml) that GitHub enforces when it shows the
 * "New issue" page: no schema validator for them is reachable offline here, so the documented rules are checked.
 */
final class IssueFormCheck {

    private static final Set<String> TYPES = Set.of("markdown", "textarea", "input", "dropdown", "checkboxes");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private IssueFormCheck() {
    }

    /** Problems of one issue form; empty when GitHub would render it. */
    static List<String> formProblems(String yaml) throws IOException {
        JsonNode form = YAML.readTree(yaml);
        List<String> problems = new ArrayList<>();
        for (String key : List.of("name", "description")) {
            if (!form.path(key).isTextual() || form.path(key).asText().isBlank()) {
                problems.add("top-level '" + key + "' is required");
            }
        }
        JsonNode body = form.path("body");
        if (!body.isArray() || body.isEmpty()) {
            problems.add("'body' must list at least one element");
        }
        Set<String> ids = new HashSet<>();
        boolean hasInput = false;
        for (JsonNode element : body) {
            String type = element.path("type").asText();
            JsonNode attributes = element.path("attributes");
            String where = "body element " + type + " " + element.path("id").asText(attributes.path("label").asText());
            if (!TYPES.contains(type)) {
                problems.add(where + ": type must be one of " + TYPES);
                continue;
            }
            if (element.has("id") && (!element.path("id").asText().matches("[A-Za-z0-9_-]+")
                    || !ids.add(element.path("id").asText()))) {
                problems.add(where + ": id must be unique and only letters, digits, '-' and '_'");
            }
            if (type.equals("markdown")) {
                if (attributes.path("value").asText().isBlank()) {
                    problems.add(where + ": markdown needs attributes.value");
                }
                continue;
            }
            hasInput = true;
            if (attributes.path("label").asText().isBlank()) {
                problems.add(where + ": attributes.label is required");
            }
            JsonNode options = attributes.path("options");
            if (type.equals("dropdown") && (!options.isArray() || options.isEmpty()
                    || !options.valueStream().allMatch(o -> o.isTextual() && !o.asText().isBlank()))) {
                problems.add(where + ": a dropdown needs non-empty text options");
            }
            if (type.equals("checkboxes") && (!options.isArray() || options.isEmpty()
                    || !options.valueStream().allMatch(o -> !o.path("label").asText().isBlank()))) {
                problems.add(where + ": checkboxes need options with a label each");
            }
        }
        if (!hasInput) {
            problems.add("a form needs at least one element that is not markdown");
        }
        return problems;
    }

    /** Problems of the template chooser's config.yml. */
    static List<String> configProblems(String yaml) throws IOException {
        JsonNode config = YAML.readTree(yaml);
        List<String> problems = new ArrayList<>();
        if (config.has("blank_issues_enabled") && !config.path("blank_issues_enabled").isBoolean()) {
            problems.add("blank_issues_enabled must be true or false");
        }
        for (JsonNode link : config.path("contact_links")) {
            for (String key : List.of("name", "url", "about")) {
                if (link.path(key).asText().isBlank()) {
                    problems.add("contact link " + link.path("name").asText() + ": '" + key + "' is required");
                }
            }
            if (!link.path("url").asText().startsWith("https://")) {
                problems.add("contact link " + link.path("name").asText() + ": url must be https");
            }
        }
        return problems;
    }
}
