package dev.selfcode.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Infers a repository's test command from what it holds: Maven (Surefire, and Failsafe when the build declares it),
 * Gradle (recognised and refused: no Gradle distribution can be fetched here), a package.json test script (its runner
 * found and given its report options), or Python tests (pytest, or unittest suites run by pytest).
 */
public final class TestRunnerInference {

    /**
     * What inference found.
     *
     * @param runner   the runner, as people say it ("mocha", "pytest (unittest suites)"), with why it is counted by
     *                 exit code when it is
     * @param image    the sandbox image for the repository's language
     * @param test     the test step's command line
     * @param counting how the step's results are counted
     * @param lint     the lint step: lint tools the test script chained around its runner, or null
     */
    public record Inferred(String runner, String image, String test, RepoConfig.Counting counting, String lint) {

        public Inferred(String runner, String image, String test, RepoConfig.Counting counting) {
            this(runner, image, test, counting, null);
        }
    }

    /** Docker, Jib and Spotify's dockerfile plugins skip their goals (their own user properties). */
    // The sandbox has no Docker engine: a plugin that starts containers for the tests would fail the whole build.
    static final String NO_DOCKER = "-Ddocker.skip=true -Djib.skip=true -Ddockerfile.skip=true";
    static final String MAVEN = "mvn -o -B -q -Dmaven.repo.local=$SELFCODE_M2 " + NO_DOCKER + " ";
    /** From this Java release on, a Maven build gets the JDK 21 image. */
    static final int JAVA_21 = 21;
    // Not -q: pytest then prints "collected N items" before any test runs, which the sandbox checks the report against.
    static final String PYTEST = "python3 -m pytest -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml";
    private static final List<String> GRADLE_FILES = List.of("build.gradle", "build.gradle.kts", "settings.gradle",
            "settings.gradle.kts", "gradlew");
    private static final Pattern NPM_PLACEHOLDER = Pattern.compile("echo\\s+\"?Error: no test specified.*");
    private static final ObjectMapper JSON = new ObjectMapper();
    // A property name only (it becomes a -D flag on a shell line): letters, digits, dot, dash, underscore.
    private static final Pattern XML_REPORT_SWITCH = Pattern
            .compile("<disableXmlReport>\\s*\\$\\{([A-Za-z0-9_.-]{1,100})}\\s*</disableXmlReport>");

    private TestRunnerInference() {
    }

    /**
     * The inferred test step of {@code repoDir}, or empty when it holds nothing to infer one from.
     *
     * @throws RepoConfigException for a Gradle build (refused, saying how to name a test command instead) and for a
     *                             package.json that is not JSON
     */
    public static Optional<Inferred> infer(Path repoDir, SelfcodeConfig.Sandbox images) throws RepoConfigException {
        if (Files.isRegularFile(repoDir.resolve("pom.xml"))) {
            boolean failsafe = mentions(repoDir, "pom.xml", "maven-failsafe-plugin");
            // Failsafe's integration tests run in the integration-test phase and its verify goal fails the build.
            String image = RequiredJava.of(repoDir) >= JAVA_21 ? images.java21Image() : images.javaImage();
            return Optional.of(new Inferred(failsafe ? "Maven Surefire and Failsafe" : "Maven Surefire", image,
                    MAVEN + (failsafe ? "verify" : "test") + reportsOn(repoDir), RepoConfig.Counting.REPORTS));
        }
        Optional<String> gradle = GRADLE_FILES.stream().filter(f -> Files.isRegularFile(repoDir.resolve(f))).findFirst();
        if (gradle.isPresent()) {
            throw RepoConfigException.withoutFile(RepoConfigException.Problem.UNSUPPORTED_BUILD, gradleRefusal(gradle.get()));
        }
        Path packageJson = repoDir.resolve("package.json");
        boolean node = Files.isRegularFile(packageJson);
        if (node) {
            Optional<NodeTestScript.Plan> plan = nodePlan(packageJson);
            if (plan.isPresent()) {
                return plan.map(p -> new Inferred(p.runner(), images.nodeImage(), p.command(), p.counting(), p.lint()));
            }
        }
        PythonTests python = pythonTests(repoDir);
        if (python != PythonTests.NONE) {
            // unittest suites run under pytest too: one JUnit report with ids, and "python -m" puts the repository on
            // sys.path as "python -m unittest" does; test*.py is unittest's own file pattern.
            return Optional.of(python == PythonTests.UNITTEST
                    ? new Inferred("unittest (run by pytest)", images.pythonImage(),
                            PYTEST + " -o python_files='test*.py'", RepoConfig.Counting.REPORTS)
                    : new Inferred("pytest", images.pythonImage(), PYTEST, RepoConfig.Counting.REPORTS));
        }
        if (node) {
            // No test script: node's runner finds its own test files (test/**, **/*.test.js, ...).
            return Optional.of(new Inferred(NodeRunner.NODE_TEST.label, images.nodeImage(),
                    "node " + NodeRunner.NODE_TEST.options + " --test", RepoConfig.Counting.REPORTS));
        }
        return Optional.empty();
    }

    static String gradleRefusal(String file) {
        return "this is a Gradle build (" + file + "), and Selfcode cannot run Gradle: no Gradle distribution can be"
                + " fetched into its sandbox. Name the test command yourself in " + RepoConfig.PATH + ", e.g.\n"
                + "  image: <an image with Gradle and your dependencies inside>\n"
                + "  test: gradle test --offline\n"
                + "(Gradle writes JUnit XML to build/test-results/; copy it to $SELFCODE_OUT/junit.xml, e.g."
                + " test: gradle test --offline; s=$?; cp build/test-results/test/*.xml $SELFCODE_OUT/; exit $s),"
                + " or add \"counting: exit-code\" to count the run by its exit code alone.";
    }

    private static Optional<NodeTestScript.Plan> nodePlan(Path packageJson) throws RepoConfigException {
        JsonNode root;
        try {
            if (Files.size(packageJson) > RepoConfigReader.MAX_BYTES * 16L) {
                throw RepoConfigException.withoutFile(RepoConfigException.Problem.INVALID, "package.json is too large");
            }
            root = JSON.readTree(Files.readString(packageJson));
        } catch (IOException e) {
            throw RepoConfigException.withoutFile(RepoConfigException.Problem.INVALID,
                    "package.json is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, String> scripts = new LinkedHashMap<>();
        JsonNode s = root == null ? null : root.get("scripts");
        if (s != null && s.isObject()) {
            s.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    scripts.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        String test = scripts.get("test");
        if (test == null || test.isBlank() || NPM_PLACEHOLDER.matcher(test.strip()).matches()) {
            return Optional.empty();
        }
        Set<String> deps = new HashSet<>();
        for (String key : List.of("dependencies", "devDependencies")) {
            JsonNode d = root.get(key);
            if (d != null && d.isObject()) {
                d.fieldNames().forEachRemaining(deps::add);
            }
        }
        return Optional.of(new NodeTestScript(scripts, deps).plan());
    }

    private enum PythonTests {
        NONE, PYTEST, UNITTEST
    }

    /**
     * PYTEST when the test files or the project's config mention pytest or the files hold plain test functions;
     * UNITTEST when every test file is a unittest suite.
     */
    private static PythonTests pythonTests(Path repoDir) throws RepoConfigException {
        List<Path> tests;
        try (Stream<Path> files = Files.walk(repoDir, 4)) {
            tests = files.filter(p -> !p.toString().contains("/.git/") && Files.isRegularFile(p)).filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith("test_") && n.endsWith(".py")) || n.endsWith("_test.py");
            }).limit(200).toList();
        } catch (IOException e) {
            throw new RepoConfigException(0, "cannot list the repository: " + e.getMessage());
        }
        if (tests.isEmpty()) {
            return PythonTests.NONE;
        }
        for (String config : List.of("pytest.ini", "conftest.py", "pyproject.toml", "setup.cfg", "tox.ini")) {
            if (mentions(repoDir, config, "pytest")) {
                return PythonTests.PYTEST;
            }
        }
        for (Path t : tests) {
            String text = read(t);
            if (text.contains("pytest") || !text.contains("unittest")) {
                return PythonTests.PYTEST;
            }
        }
        return PythonTests.UNITTEST;
    }

    /** Whether {@code name} (at the top, or in a sub-module up to 3 folders deep for pom.xml) mentions {@code what}. */
    /**
     * Turns Surefire's/Failsafe's XML report back on where a pom switches it off through a property
     * ({@code <disableXmlReport>${closeTestReports}</disableXmlReport>}): the report is how the tests are counted, and
     * setting the property changes what is reported, not what runs. A literal {@code true} is left alone (then the
     * step writes no report and says so).
     */
    static String reportsOn(Path repoDir) throws RepoConfigException {
        Set<String> properties = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.walk(repoDir, 4)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("pom.xml") && Files.isRegularFile(p))
                    .filter(p -> !p.toString().contains("/.git/")).limit(200).toList()) {
                Matcher m = XML_REPORT_SWITCH.matcher(read(p));
                while (m.find()) {
                    properties.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new RepoConfigException(0, "cannot list the repository: " + e.getMessage());
        }
        StringBuilder flags = new StringBuilder();
        properties.forEach(name -> flags.append(" -D").append(name).append("=false"));
        return flags.toString();
    }

    static boolean mentions(Path repoDir, String name, String what) throws RepoConfigException {
        try (Stream<Path> files = Files.walk(repoDir, name.equals("pom.xml") ? 4 : 1)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p))
                    .filter(p -> !p.toString().contains("/.git/")).limit(200).toList()) {
                if (read(p).contains(what)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new RepoConfigException(0, "cannot list the repository: " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.size(file) > (4 << 20) ? "" : Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return ""; // unreadable or not UTF-8: says nothing about the runner
        }
    }
}
