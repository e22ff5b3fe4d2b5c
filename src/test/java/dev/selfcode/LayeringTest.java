package dev.selfcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages form layers: the failure vocabulary and the text helpers are leaves; llm, sandbox and workspace
 * never reach up into the engine; the job queue knows neither the engine nor GitHub. Read from the sources, so an
 * import or a fully qualified name counts alike.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/selfcode");
    private static final Pattern USE = Pattern.compile("\\bdev\\.selfcode\\.(\\w+)\\.");

    @Test
    void lowerLayersNeverUseHigherOnes() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses.get("failure")).as("failure uses").isEmpty();
        assertThat(uses.get("text")).as("text uses").isEmpty();
        for (String low : new String[]{"llm", "sandbox", "workspace"}) {
            assertThat(uses.get(low)).as(low + " uses").doesNotContain("engine", "github", "cli", "job", "web");
        }
        assertThat(uses.get("job")).as("job uses").doesNotContain("engine", "github", "cli", "web");
        assertThat(uses.get("engine")).as("engine uses").doesNotContain("github", "cli", "web", "job");
    }

    @Test
    void noPackageReachesItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = uses();
        for (String pkg : uses.keySet()) {
            assertThat(reachable(uses, pkg)).as("packages reachable from " + pkg).doesNotContain(pkg);
        }
    }

    @Test
    void aLoopIsFound() {
        Map<String, Set<String>> loop = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
        assertThat(reachable(loop, "a")).contains("a");
    }

    static Set<String> reachable(Map<String, Set<String>> uses, String from) {
        Set<String> seen = new TreeSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(uses.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(uses.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    @Test
    void theReaderSeesImportsAndQualifiedNames() throws IOException {
        assertThat(uses().get("engine")).contains("failure", "workspace", "config");
        assertThat(uses().get("github")).contains("engine", "job");
    }

    /** Package name to the other packages of ours its main sources name. */
    static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path rel = SOURCES.relativize(file);
                if (rel.getNameCount() < 2) {
                    continue; // the application class at the root
                }
                String pkg = rel.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                String text = Files.readString(file).replaceFirst("(?m)^package [\\w.]+;", "");
                Matcher m = USE.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }
}
