package dev.selfcode.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The Java feature release a Maven build asks for, read from the repository's own poms: maven-enforcer's
 * {@code requireJavaVersion}, the compiler's release/source/target (as properties or in the compiler plugin's
 * configuration) and {@code java.version}, with {@code ${property}} references resolved through the pom and its
 * parents in the repository. Profiles are left out: they apply only sometimes. Parents outside the repository are
 * not read (no network here), so what only they require is not seen.
 */
final class RequiredJava {

    /** Properties that name the Java release the build compiles for (or, for java.version, Spring Boot's input). */
    private static final List<String> RELEASE_PROPERTIES = List.of("maven.compiler.release", "maven.compiler.source",
            "maven.compiler.target", "maven.compiler.testRelease", "maven.compiler.testSource",
            "maven.compiler.testTarget", "java.version");
    private static final List<String> COMPILER_ELEMENTS = List.of("release", "source", "target", "testRelease",
            "testSource", "testTarget");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern FEATURE = Pattern.compile("^\\s*(?:1\\.)?(\\d+)");
    private static final int MAX_POMS = 200;

    private final Map<Path, Optional<Pom>> poms = new HashMap<>();

    private RequiredJava() {
    }

    /** The highest release any pom of {@code repoDir} requires, 0 when none says. */
    static int of(Path repoDir) {
        RequiredJava reader = new RequiredJava();
        // The poms of the build's modules; poms under src/ are test fixtures of Maven plugins, not modules.
        try (Stream<Path> files = Files.walk(repoDir, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("pom.xml") && Files.isRegularFile(p))
                    .filter(p -> !repoDir.relativize(p).toString().matches("(.*/)?(\\.git|src)/.*")).limit(MAX_POMS)
                    .mapToInt(p -> reader.required(p.toAbsolutePath().normalize())).max().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // unreadable: the default JDK, and the build says what it lacks
        }
    }

    private int required(Path file) {
        Optional<Pom> pom = pom(file);
        if (pom.isEmpty()) {
            return 0;
        }
        int required = 0;
        for (String value : pom.get().releases) {
            required = Math.max(required, feature(resolve(file, value, 0)));
        }
        for (String range : pom.get().javaRanges) {
            required = Math.max(required, lowestAllowed(resolve(file, range, 0)));
        }
        return required;
    }

    /** {@code value} with each ${name} replaced by the property of the pom or its nearest parent that sets it. */
    private String resolve(Path file, String value, int depth) {
        if (depth > 10) {
            return value; // a cycle of references
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = property(file, m.group(1)).map(v -> resolve(file, v, depth + 1)).orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private Optional<String> property(Path file, String name) {
        Path current = file;
        for (int i = 0; i < 10 && current != null; i++) {
            Optional<Pom> pom = pom(current);
            if (pom.isEmpty()) {
                return Optional.empty();
            }
            String value = pom.get().properties.get(name);
            if (value != null) {
                return Optional.of(value);
            }
            current = pom.get().parent;
        }
        return Optional.empty();
    }

    /**
     * The lowest feature release an enforcer version range allows: "[21,)" and "21" (a bare version is a minimum)
     * give 21, "[1.8,9),[11,)" gives 8, a range without a lower bound 0.
     */
    static int lowestAllowed(String range) {
        String r = range.strip();
        if (!r.startsWith("[") && !r.startsWith("(")) {
            return feature(r);
        }
        int lowest = Integer.MAX_VALUE;
        for (String part : r.split("[\\])]\\s*,")) {
            String lower = part.replaceFirst("^\\s*[\\[(]", "").split(",", -1)[0];
            lowest = Math.min(lowest, lower.isBlank() ? 0 : feature(lower));
        }
        return lowest == Integer.MAX_VALUE ? 0 : lowest;
    }

    /** "21", "21.0.2" give 21, "1.8" gives 8; anything else (an unresolved ${...}) 0. */
    static int feature(String version) {
        Matcher m = FEATURE.matcher(version);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What one pom says: its properties, its releases and enforcer ranges (unresolved), its parent in the repository. */
    private record Pom(Map<String, String> properties, List<String> releases, List<String> javaRanges, Path parent) {
    }

    private Optional<Pom> pom(Path file) {
        return poms.computeIfAbsent(file, RequiredJava::read);
    }

    private static Optional<Pom> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Element project;
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > (4 << 20)) {
                return Optional.empty();
            }
            project = builder().parse(in).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return Optional.empty(); // not a pom we can read: Maven will say so itself
        }
        Map<String, String> properties = new HashMap<>();
        child(project, "properties").ifPresent(props -> children(props).forEach(p -> properties.put(p.getTagName(),
                p.getTextContent().strip())));
        List<String> releases = new ArrayList<>();
        RELEASE_PROPERTIES.stream().map(properties::get).filter(v -> v != null).forEach(releases::add);
        List<String> ranges = new ArrayList<>();
        child(project, "build").ifPresent(build -> {
            List<Element> plugins = new ArrayList<>(grandChildren(build, "plugins", "plugin"));
            child(build, "pluginManagement").ifPresent(pm -> plugins.addAll(grandChildren(pm, "plugins", "plugin")));
            for (Element plugin : plugins) {
                String artifact = child(plugin, "artifactId").map(a -> a.getTextContent().strip()).orElse("");
                if (artifact.equals("maven-compiler-plugin")) {
                    for (Element conf : configurations(plugin)) {
                        COMPILER_ELEMENTS.forEach(name -> child(conf, name)
                                .ifPresent(e -> releases.add(e.getTextContent().strip())));
                    }
                } else if (artifact.equals("maven-enforcer-plugin")) {
                    for (Element conf : configurations(plugin)) {
                        child(conf, "rules").flatMap(rules -> child(rules, "requireJavaVersion"))
                                .flatMap(rule -> child(rule, "version"))
                                .ifPresent(v -> ranges.add(v.getTextContent().strip()));
                    }
                }
            }
        });
        return Optional.of(new Pom(properties, releases, ranges, parent(file, project)));
    }

    /** The parent pom's file when it is in the repository: relativePath, by default ../pom.xml; none when empty. */
    private static Path parent(Path file, Element project) {
        Optional<Element> parent = child(project, "parent");
        if (parent.isEmpty()) {
            return null;
        }
        String relative = child(parent.get(), "relativePath").map(r -> r.getTextContent().strip()).orElse("../pom.xml");
        if (relative.isEmpty()) {
            return null;
        }
        Path target = file.getParent().resolve(relative).normalize();
        return Files.isDirectory(target) ? target.resolve("pom.xml") : target;
    }

    /** The plugin's own configuration and those of its executions. */
    private static List<Element> configurations(Element plugin) {
        List<Element> all = new ArrayList<>();
        child(plugin, "configuration").ifPresent(all::add);
        grandChildren(plugin, "executions", "execution").forEach(e -> child(e, "configuration").ifPresent(all::add));
        return all;
    }

    private static List<Element> grandChildren(Element parent, String name, String childName) {
        return child(parent, name).map(e -> children(e).stream().filter(c -> c.getTagName().equals(childName)).toList())
                .orElse(List.of());
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent).stream().filter(c -> c.getTagName().equals(name)).findFirst();
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The JDK's own parser with no DTD, entities or XInclude: poms are untrusted input, read on the host. */
    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new DefaultHandler()); // fails on fatal errors without printing them to stderr
        return b;
    }
}
