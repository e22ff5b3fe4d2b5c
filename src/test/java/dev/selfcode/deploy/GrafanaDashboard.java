package dev.selfcode.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code deploy/grafana/selfcode.json} read as Grafana reads it: its panels (rows' nested panels included), their
 * PromQL and the metric names those select, and the structure an import needs (unique panel ids, a grid position,
 * every query on the {@code DS_PROMETHEUS} datasource variable, so the file imports into any Grafana with a
 * Prometheus datasource).
 */
public final class GrafanaDashboard {

    /** The file in the repository, relative to the module root (the tests' working directory). */
    public static final Path FILE = Path.of("deploy", "grafana", "selfcode.json");
    static final String DATASOURCE_VARIABLE = "DS_PROMETHEUS";
    /** A sample line of the Prometheus text format: its series name, before the labels or the value. */
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private final JsonNode root;

    GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    /** Reads the repository's dashboard. */
    public static GrafanaDashboard read() {
        return read(FILE);
    }

    static GrafanaDashboard read(Path file) {
        try {
            return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static GrafanaDashboard parse(String json) {
        try {
            return new GrafanaDashboard(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The series names a {@code /q/metrics} scrape holds, read from its sample lines: what a PromQL selector can
     * match ({@code x_total}, {@code x_bucket}, {@code x_count}, {@code x_sum}, {@code x_max}). The {@code # TYPE}
     * line's family name is not one of them (a counter's family {@code x} has only an {@code x_total} series).
     */
    public static Set<String> exportedSeries(String prometheusText) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(prometheusText);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every panel, rows' collapsed panels included. */
    List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /** Every query's PromQL, in panel order. */
    public List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText(""));
            }
        }
        return exprs;
    }

    /** The metric names the dashboard's queries select. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(e -> names.addAll(PromQlMetricNames.of(e)));
        return names;
    }

    /** What keeps Grafana from importing the dashboard or showing every panel; empty when nothing does. */
    public List<String> structureProblems() {
        List<String> problems = new ArrayList<>();
        if (root.path("title").asText("").isBlank() || root.path("uid").asText("").isBlank()) {
            problems.add("the dashboard needs a title and a uid");
        }
        if (!root.path("schemaVersion").isInt()) {
            problems.add("no schemaVersion");
        }
        if (!hasDatasourceVariable()) {
            problems.add("no templating variable " + DATASOURCE_VARIABLE + " of type datasource for prometheus");
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            if (!"datasource".equals(variable.path("type").asText())) {
                // label_values(...) and friends would query metrics this check does not read
                problems.add("templating variable " + variable.path("name").asText() + " is not checked: "
                        + variable.path("type").asText());
            }
        }
        List<JsonNode> panels = panels();
        if (panels.isEmpty()) {
            problems.add("no panels");
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String name = "panel " + panel.path("id") + " (" + panel.path("title").asText() + ")";
            if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                problems.add(name + ": missing or duplicate id");
            }
            JsonNode grid = panel.path("gridPos");
            if (!grid.path("h").isInt() || !grid.path("w").isInt() || !grid.path("x").isInt()
                    || !grid.path("y").isInt() || grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add(name + ": gridPos needs h, w, x, y within 24 columns");
            }
            String type = panel.path("type").asText("");
            if (type.equals("row") || type.equals("text")) {
                continue;
            }
            if (!onTheVariable(panel.path("datasource"))) {
                problems.add(name + ": datasource is not ${" + DATASOURCE_VARIABLE + "}");
            }
            if (!panel.path("targets").isArray() || panel.path("targets").isEmpty()) {
                problems.add(name + ": no queries");
            }
            Set<String> refIds = new LinkedHashSet<>();
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText("").isBlank()) {
                    problems.add(name + ": a query without expr");
                }
                if (target.has("datasource") && !onTheVariable(target.path("datasource"))) {
                    problems.add(name + ": a query's datasource is not ${" + DATASOURCE_VARIABLE + "}");
                }
                if (!refIds.add(target.path("refId").asText(""))) {
                    problems.add(name + ": missing or duplicate refId");
                }
            }
        }
        if (expressions().stream().allMatch(String::isBlank)) {
            problems.add("no PromQL expressions");
        }
        return problems;
    }

    /**
     * Why the dashboard is not sound against a server that exports {@code exported}: its structure problems, plus
     * every metric it queries that the server does not export, and every query the tokenizer cannot read.
     */
    public List<String> problems(Set<String> exported) {
        List<String> problems = new ArrayList<>(structureProblems());
        for (String expr : expressions()) {
            try {
                for (String name : PromQlMetricNames.of(expr)) {
                    if (!exported.contains(name)) {
                        problems.add("metric " + name + " is not exported by the server (in: " + expr + ")");
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /**
     * The {@code selfcode_*} metrics in {@code exported} that no panel charts (a histogram counts as charted when any
     * of its {@code _bucket}, {@code _count}, {@code _sum} or {@code _max} series is queried).
     */
    public Set<String> uncharted(Set<String> exported) {
        Set<String> charted = new HashSet<>();
        metricNames().forEach(name -> charted.add(family(name)));
        Set<String> uncharted = new TreeSet<>();
        for (String name : exported) {
            if (name.startsWith("selfcode_") && !charted.contains(family(name))) {
                uncharted.add(name);
            }
        }
        return uncharted;
    }

    private static String family(String series) {
        return series.replaceFirst("_(bucket|count|sum|max)$", "");
    }

    private boolean hasDatasourceVariable() {
        for (JsonNode variable : root.path("templating").path("list")) {
            if (DATASOURCE_VARIABLE.equals(variable.path("name").asText())
                    && "datasource".equals(variable.path("type").asText())
                    && "prometheus".equals(variable.path("query").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean onTheVariable(JsonNode datasource) {
        String ref = "${" + DATASOURCE_VARIABLE + "}";
        if (datasource.isTextual()) {
            return ref.equals(datasource.asText());
        }
        return ref.equals(datasource.path("uid").asText()) && "prometheus".equals(datasource.path("type").asText());
    }
}
