package dev.selfcode.safety;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.code.JavaSyntax;
import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.sandbox.CommandResult;
import dev.selfcode.sandbox.Sandbox;
import dev.selfcode.text.Resources;

/**
 * The guard between generation and evaluation: where the bot may write, how much, that it carries no secret, that
 * the patched file still parses, and that what the helper added only defines (per-language rules on real parsers).
 */
@ApplicationScoped
public class SafetyMonitor {

    static final int MAX_HELPER_LINES = 300;
    static final int MAX_HELPER_CHARS = 20_000;

    private static final String PYTHON_GUARD = resource("python-guard.py");
    private static final String NODE_GUARD = resource("node-guard.js");
    /** A line the guard scripts print for a problem: a rule broken on a line, or a syntax error. */
    private static final Pattern PROBLEM = Pattern.compile("line \\d+: .+|[^:\\s]+:[\\d?]+: SyntaxError: .*");
    private static final RepoConfig.Limits GUARD_LIMITS = new RepoConfig.Limits(1, 256L << 20, Duration.ofSeconds(30));

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

    /** Problems with the generated helper alone (size, secrets); empty when it may be applied. */
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
        secrets.scan(helper).stream().map(SecretScanner.Finding::kind).distinct().forEach(kind -> problems
                .add("the generated code contains what looks like a secret (" + kind + ")"));
        return problems;
    }

    /**
     * Parses the patched file with the language's own parser and applies the guard's rules to the lines the helper
     * added (see README, "What a helper may contain"): each problem names its line in the helper and the rule.
     * Python and JavaScript are checked by a script in the language's sandbox image, Java in process.
     *
     * @return the syntax error, or every rule the added code breaks; empty when it may be evaluated
     */
    public List<String> checkCode(String fileName, String original, String patched, Language language)
            throws IOException {
        AddedLines added = AddedLines.between(original, patched);
        return switch (language) {
            case JAVA -> {
                List<JavaSyntax.Parsed> parsed = JavaSyntax.parse(fileName, List.of(patched, original));
                yield parsed.get(0).errors().isEmpty()
                        ? JavaGuard.problems(parsed.get(1), parsed.get(0), added)
                        : parsed.get(0).errors();
            }
            case PYTHON -> inSandbox(config.sandbox().pythonImage(), fileName, original, patched, "guard.py",
                    PYTHON_GUARD, "python3 -I guard.py", added);
            case JAVASCRIPT -> inSandbox(config.sandbox().nodeImage(), fileName, original, patched, "guard.js",
                    NODE_GUARD, "node guard.js", added);
            case OTHER -> List.of("Selfcode cannot parse " + fileName);
        };
    }

    // One run in the sandbox: the script gets the patched file, the original and the added lines, and prints one
    // problem a line; exit 0 means none, 1 problems found, anything else that the check itself failed.
    private List<String> inSandbox(String image, String fileName, String original, String patched, String script,
            String scriptText, String command, AddedLines added) throws IOException {
        Path dir = Files.createTempDirectory("selfcode-guard-");
        try {
            String name = Path.of(fileName).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            Files.createDirectories(dir.resolve("patched"));
            Files.createDirectories(dir.resolve("original"));
            Files.writeString(dir.resolve("patched").resolve(name), patched);
            Files.writeString(dir.resolve("original").resolve(name), original);
            Files.writeString(dir.resolve(script), scriptText);
            CommandResult r = sandbox.exec(image, dir, command + " patched/" + name + " original/" + name + " "
                    + added.first() + " " + added.last(), GUARD_LIMITS);
            if (r.timedOut()) {
                return List.of("the guard's check timed out");
            }
            List<String> lines = r.output().strip().lines().filter(l -> !l.isBlank()).toList();
            if (r.exitCode() == 0) {
                return List.of();
            }
            if (r.exitCode() == 1 && !lines.isEmpty() && lines.stream().allMatch(l -> PROBLEM.matcher(l).matches())) {
                return lines;
            }
            return List.of("the guard could not check the code: " + lastLines(r.output(), 8));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String resource(String name) {
        return Resources.text(SafetyMonitor.class, name);
    }

    static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
