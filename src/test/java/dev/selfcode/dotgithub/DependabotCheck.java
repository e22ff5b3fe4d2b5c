package dev.selfcode.dotgithub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What Dependabot itself would refuse in a dependabot.yml (no validator for it runs offline here): another version
 * than 2, an unknown schedule, an ecosystem we do not list, and an update whose directory holds none of the
 * ecosystem's manifests (Dependabot reports "dependency file not found" for those).
 */
final class DependabotCheck {

    private static final Set<String> INTERVALS = Set.of("daily", "weekly", "monthly", "quarterly", "semiannually",
            "yearly", "cron");

    /** The file each ecosystem Selfcode uses reads, in an update's directory. */
    private static final Map<String, Predicate<Path>> MANIFESTS = Map.of(
            "maven", dir -> Files.isRegularFile(dir.resolve("pom.xml")),
            "github-actions", dir -> hasAny(dir.resolve(".github/workflows"), ".yml", ".yaml"),
            "docker", dir -> hasAny(dir, "Dockerfile", ".Dockerfile", ".dockerfile"));

    private DependabotCheck() {
    }

    /** Problems of {@code yaml} for a repository checked out at {@code root}; empty when Dependabot would take it. */
    static List<String> problems(String yaml, Path root) throws IOException {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<String> problems = new ArrayList<>();
        if (config.path("version").asInt() != 2) {
            problems.add("version must be 2, not " + config.path("version"));
        }
        JsonNode updates = config.path("updates");
        if (!updates.isArray() || updates.isEmpty()) {
            problems.add("no updates");
        }
        for (JsonNode update : updates) {
            String ecosystem = update.path("package-ecosystem").asText();
            String where = ecosystem + " " + update.path("directory").asText();
            String interval = update.path("schedule").path("interval").asText();
            if (!INTERVALS.contains(interval)) {
                problems.add(where + ": schedule.interval '" + interval + "' is not one of " + INTERVALS);
            }
            Predicate<Path> manifest = MANIFESTS.get(ecosystem);
            String directory = update.path("directory").asText();
            if (manifest == null) {
                problems.add(where + ": unknown package-ecosystem");
            } else if (!directory.startsWith("/")) {
                problems.add(where + ": directory must start with /");
            } else if (!manifest.test(root.resolve(directory.substring(1)).normalize())) {
                problems.add(where + ": no " + ecosystem + " manifest in " + directory);
            }
        }
        return problems;
    }

    private static boolean hasAny(Path dir, String... nameEndings) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(name -> Stream.of(nameEndings).anyMatch(name::endsWith));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
