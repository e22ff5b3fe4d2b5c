package dev.selfcode.safety;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.sandbox.CommandResult;
import dev.selfcode.sandbox.Sandbox;

/**
 * The guard between generation and evaluation: where the bot may write, how much, which calls it may
 * make, that it carries no secret, and that the patched file still parses.
 */
@ApplicationScoped
public class SafetyMonitor {

    static final int MAX_HELPER_LINES = 300;
    static final int MAX_HELPER_CHARS = 20_000;

    private static final Map<Language, Pattern> FORBIDDEN = Map.of(
            Language.PYTHON, Pattern.compile("\\b(os\\.system|os\\.popen|subprocess|eval\\s*\\(|exec\\s*\\(|__import__"
                    + "|pickle\\.loads|shutil\\.rmtree|socket\\.|ctypes)"),
            Language.JAVA, Pattern.compile("(Runtime\\.getRuntime\\(\\)\\.exec|ProcessBuilder|System\\.exit"
                    + "|Class\\.forName|java\\.net\\.Socket|sun\\.misc\\.Unsafe)"),
            Language.JAVASCRIPT, Pattern.compile("(child_process|\\beval\\s*\\(|new\\s+Function\\s*\\(|process\\.exit"
                    + "|require\\(\\s*['\"](?:net|dgram|http|https)['\"]\\s*\\))"));

    private static final Pattern NOTHING = Pattern.compile("(?!)");

    private final Sandbox sandbox;
    private final SelfcodeConfig config;
    private final SecretScanner secrets;

    @Inject
    public SafetyMonitor(Sandbox sandbox, SelfcodeConfig config, SecretScanner secrets) {
        this.sandbox = sandbox;
        this.config = config;
        this.secrets = secrets;
    }

    /** Whether the repo config lets the bot write {@code path}; empty globs mean anywhere but .github/. */
    public static boolean writable(RepoConfig repoConfig, String path) {
        String p = Path.of(path).normalize().toString().replace('\\', '/');
        if (p.startsWith(".github/") || p.startsWith(".git/") || p.startsWith("..")) {
            return false;
        }
        if (repoConfig.paths().isEmpty()) {
            return true;
        }
        for (String glob : repoConfig.paths()) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(Path.of(p))) {
                return true;
            }
        }
        return false;
    }

    /** Problems with the generated helper alone; empty when it may be applied. */
    public List<String> checkHelper(String helper, Language language) {
        List<String> problems = new ArrayList<>();
        if (helper.isBlank()) {
            problems.add("the generated code is empty");
        }
        long lines = helper.lines().count();
        if (lines > MAX_HELPER_LINES || helper.length() > MAX_HELPER_CHARS) {
            problems.add("the generated code is too large (" + lines + " lines, " + helper.length()
                    + " characters; at most " + MAX_HELPER_LINES + " lines)");
        }
        Matcher m = FORBIDDEN.getOrDefault(language, NOTHING).matcher(helper);
        if (m.find()) {
            problems.add("the generated code uses a forbidden call: " + m.group(1).strip());
        }
        secrets.scan(helper).stream().map(SecretScanner.Finding::kind).distinct().forEach(kind -> problems
                .add("the generated code contains what looks like a secret (" + kind + ")"));
        return problems;
    }

    /** Parses the patched file with the language's own parser; returns the error, or empty when it parses. */
    public List<String> checkSyntax(String fileName, String content, Language language) throws IOException {
        return switch (language) {
            case JAVA -> JavaSyntax.errors(fileName, content);
            case PYTHON -> inSandbox(config.sandbox().pythonImage(), fileName, content,
                    "python3 -c 'import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])' ");
            case JAVASCRIPT -> inSandbox(config.sandbox().nodeImage(), fileName, content, "node --check ");
            case OTHER -> List.of("Selfcode cannot parse " + fileName);
        };
    }

    private List<String> inSandbox(String image, String fileName, String content, String command) throws IOException {
        Path dir = Files.createTempDirectory("selfcode-syntax-");
        try {
            String name = Path.of(fileName).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            Files.writeString(dir.resolve(name), content);
            dir.toFile().setReadable(true, false);
            dir.resolve(name).toFile().setReadable(true, false);
            CommandResult r = sandbox.exec(image, dir, command + name,
                    new RepoConfig.Limits(1, 256L << 20, java.time.Duration.ofSeconds(30)));
            if (r.timedOut()) {
                return List.of("the syntax check timed out");
            }
            return r.exitCode() == 0 ? List.of() : List.of(lastLines(r.output(), 8));
        } finally {
            Files.deleteIfExists(dir.resolve(Path.of(fileName).getFileName().toString()
                    .replaceAll("[^A-Za-z0-9._-]", "_")));
            Files.deleteIfExists(dir);
        }
    }

    static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
