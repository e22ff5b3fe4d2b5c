package dev.selfcode.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads and validates {@code .github/selfcode.yml}. A missing file means defaults inferred from the
 * repository; a malformed one is a {@link RepoConfigException} naming the line.
 */
public final class RepoConfigReader {

    public static final int MAX_BYTES = 64 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // max_open_prs: 2.5 is a mistake to name, not a 2 to guess
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private final SelfcodeConfig.Sandbox defaults;

    public RepoConfigReader(SelfcodeConfig.Sandbox defaults) {
        this.defaults = defaults;
    }

    /** Reads the config of a checked-out repository, inferring one when the file is absent. */
    public RepoConfig read(Path repoDir) throws RepoConfigException {
        Path file = repoDir.resolve(RepoConfig.PATH);
        if (!Files.isRegularFile(file)) {
            return infer(repoDir);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new RepoConfigException(0, "the file is larger than " + MAX_BYTES + " bytes");
            }
            return parse(Files.readString(file), repoDir);
        } catch (IOException e) {
            throw new RepoConfigException(0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Checks config text without a checkout (the GitHub App does this before it queues a job): syntax,
     * keys and values. A missing {@code test} is fine here; it is inferred from the checkout later.
     */
    public void validate(String text) throws RepoConfigException {
        String probe = text.isBlank() ? "" : text;
        try {
            parse(probe, null);
        } catch (RepoConfigException e) {
            if (e.problem() != RepoConfigException.Problem.NO_TESTS) {
                throw e;
            }
        }
    }

    /**
     * The guardrail keys of config text (null or blank: none), validated with the rest of the file's syntax and
     * keys; the GitHub App reads them before it queues a job.
     */
    public RepoConfig.Guardrails guardrails(String text) throws RepoConfigException {
        if (text == null || text.isBlank()) {
            return RepoConfig.Guardrails.SERVER_DEFAULTS;
        }
        return guardrails(raw(text), text);
    }

    /** The sweep settings of config text (null or blank: none), validated with the rest of the file's syntax and keys. */
    public RepoConfig.Sweep sweep(String text) throws RepoConfigException {
        if (text == null || text.isBlank()) {
            return new RepoConfig.Sweep(RepoConfig.Sweep.DEFAULT_CRON, false);
        }
        return sweep(raw(text).sweep, text);
    }

    /** Parses config text; {@code repoDir} (nullable) fills in steps the file leaves out. */
    public RepoConfig parse(String text, Path repoDir) throws RepoConfigException {
        Raw raw = raw(text);
        String test = blankToNull(raw.test);
        // Inferred only for what the file leaves out: a file that names its test command needs no test files.
        RepoConfig inferred = repoDir == null || (test != null && blankToNull(raw.image) != null)
                ? null
                : inferIfPossible(repoDir, test != null);
        if (test == null && inferred != null) {
            test = inferred.test();
        }
        String image = blankToNull(raw.image);
        if (image == null) {
            image = inferred != null ? inferred.image() : defaults.pythonImage();
        }
        Optional<Threshold> threshold = threshold(raw.threshold, text, "threshold", "threshold " + Threshold.RULE);
        Optional<Threshold> automerge = threshold(raw.automerge, text, "automerge", "automerge must be a threshold >= 0");
        List<String> paths = raw.paths == null ? List.of() : List.copyOf(raw.paths);
        for (String p : paths) {
            if (p == null || p.isBlank() || p.startsWith("/") || p.contains("..")) {
                throw new RepoConfigException(lineOf(text, "paths"),
                        "paths must be relative globs inside the repo: '" + p + "'");
            }
        }
        RepoConfig.Limits limits = limits(raw.limits, text);
        RepoConfig.Sweep sweep = sweep(raw.sweep, text);
        String setup = blankToNull(raw.setup);
        String lint = blankToNull(raw.lint);
        String coverage = blankToNull(raw.coverage);
        String metrics = blankToNull(raw.metrics);
        if (raw.test == null && inferred != null) {
            setup = setup == null ? inferred.setup() : setup;
            lint = lint == null ? inferred.lint() : lint;
            coverage = coverage == null ? inferred.coverage() : coverage;
        }
        if (test == null) {
            throw new RepoConfigException(lineOf(text, "test"), RepoConfigException.Problem.NO_TESTS,
                    "no 'test' command, and none can be inferred"
                            + (repoDir == null ? "" : ": Selfcode " + NOTHING_TO_INFER_FROM));
        }
        RepoConfig.Counting counting = counting(raw.counting, text);
        if (counting == null) {
            counting = raw.test == null && inferred != null ? inferred.counting() : RepoConfig.Counting.REPORTS;
        }
        String deps = deps(raw.deps, repoDir);
        return new RepoConfig(image, setup, lint, test, coverage, metrics, threshold, paths, limits, sweep, automerge,
                false, deps, counting, guardrails(raw, text), repairAttempts(raw.repairAttempts, text));
    }

    private static Raw raw(String text) throws RepoConfigException {
        Raw raw;
        try {
            raw = text.isBlank() ? new Raw() : YAML.readValue(text, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            throw new RepoConfigException(line(e), unknownKey(e));
        } catch (MismatchedInputException e) {
            throw new RepoConfigException(line(e), wrongType(e));
        } catch (JsonProcessingException e) {
            throw notYaml(e, text);
        }
        return raw == null ? new Raw() : raw;
    }

    /** The budgets and breaker size: whole numbers of at least 1 (a repo that wants none uninstalls the App). */
    private static RepoConfig.Guardrails guardrails(Raw raw, String text) throws RepoConfigException {
        return new RepoConfig.Guardrails(atLeastOne(raw.maxOpenPrs, text, "max_open_prs"),
                atLeastOne(raw.maxPatchesPerDay, text, "max_patches_per_day"),
                raw.maxTokensPerDay == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(atLeastOne(raw.maxTokensPerDay,
                                text, "max_tokens_per_day")),
                atLeastOne(raw.breaker, text, "breaker"));
    }

    private static OptionalInt atLeastOne(Integer value, String text, String key) throws RepoConfigException {
        return value == null ? OptionalInt.empty() : OptionalInt.of((int) atLeastOne(value.longValue(), text, key));
    }

    private static long atLeastOne(long value, String text, String key) throws RepoConfigException {
        if (value < 1) {
            throw new RepoConfigException(lineOf(text, key), key + " must be at least 1, not " + value);
        }
        return value;
    }

    /** The {@code repair_attempts} key: a whole number in its bounds; the default when absent. */
    private static int repairAttempts(Integer value, String text) throws RepoConfigException {
        if (value == null) {
            return RepoConfig.DEFAULT_REPAIR_ATTEMPTS;
        }
        if (value < RepoConfig.MIN_REPAIR_ATTEMPTS || value > RepoConfig.MAX_REPAIR_ATTEMPTS) {
            throw new RepoConfigException(lineOf(text, "repair_attempts"), EXPECTED.get("repair_attempts") + ", not "
                    + value);
        }
        return value;
    }

    /** The {@code counting} key: {@code reports} or {@code exit-code}; null when absent. */
    private static RepoConfig.Counting counting(String value, String text) throws RepoConfigException {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "reports" -> RepoConfig.Counting.REPORTS;
            case "exit-code", "exit_code", "exitcode" -> RepoConfig.Counting.EXIT_CODE;
            default -> throw new RepoConfigException(lineOf(text, "counting"), EXPECTED.get("counting"));
        };
    }

    private static Optional<Threshold> threshold(Double value, String text, String key, String problem)
            throws RepoConfigException {
        try {
            return Optional.ofNullable(value).map(Threshold::of);
        } catch (IllegalArgumentException e) {
            throw new RepoConfigException(lineOf(text, key), problem);
        }
    }

    /** Defaults for a repository without a config file: pytest, Maven or npm, by what the repo holds. */
    public RepoConfig infer(Path repoDir) throws RepoConfigException {
        RepoConfig inferred = inferIfPossible(repoDir, false);
        if (inferred == null) {
            throw RepoConfigException.withoutFile(RepoConfigException.Problem.NO_TESTS,
                    "no tests found: there is no " + RepoConfig.PATH + ", and Selfcode "
                            + NOTHING_TO_INFER_FROM + "; add tests, or create " + RepoConfig.PATH + " with a 'test' command");
        }
        return withDeps(inferred, deps(null, repoDir));
    }

    /**
     * The dependency phase's command: the file's {@code deps:}, none for {@code deps: none}, else inferred from the
     * repository ({@link DepsInference}).
     */
    private static String deps(String written, Path repoDir) {
        String deps = blankToNull(written);
        if (deps == null) {
            return DepsInference.infer(repoDir);
        }
        return deps.equals("none") ? null : deps;
    }

    private static RepoConfig withDeps(RepoConfig c, String deps) {
        return new RepoConfig(c.image(), c.setup(), c.lint(), c.test(), c.coverage(), c.metrics(), c.threshold(),
                c.paths(), c.limits(), c.sweep(), c.automerge(), c.inferred(), deps, c.counting());
    }

    /** Where inference looked, for the messages that say it found nothing. */
    static final String NOTHING_TO_INFER_FROM = "found no pom.xml, Gradle build or package.json at the top of the "
            + "repository and no test_*.py or *_test.py file up to 3 folders deep";

    /**
     * The inferred config (see {@link TestRunnerInference}), or null when the repository holds nothing to infer it
     * from. A Gradle build is refused unless the file names the test command ({@code testNamed}).
     */
    private RepoConfig inferIfPossible(Path repoDir, boolean testNamed) throws RepoConfigException {
        Optional<TestRunnerInference.Inferred> found;
        try {
            found = TestRunnerInference.infer(repoDir, defaults);
        } catch (RepoConfigException e) {
            if (testNamed && e.problem() == RepoConfigException.Problem.UNSUPPORTED_BUILD) {
                found = Optional.of(new TestRunnerInference.Inferred("gradle", defaults.javaImage(), null,
                        RepoConfig.Counting.REPORTS));
            } else {
                throw e;
            }
        }
        return found.map(i -> new RepoConfig(i.image(), null, i.lint(), i.test(), null, null, Optional.empty(), List.of(),
                new RepoConfig.Limits(defaults.cpus(), parseSize(defaults.memory()), defaults.timeout()),
                new RepoConfig.Sweep("0 3 * * 1", false), Optional.empty(), true, null, i.counting())).orElse(null);
    }

    private RepoConfig.Limits limits(RawLimits raw, String text) throws RepoConfigException {
        double cpus = defaults.cpus();
        long memory = parseSize(defaults.memory());
        Duration timeout = defaults.timeout();
        if (raw != null) {
            if (raw.cpus != null) {
                if (raw.cpus <= 0 || raw.cpus > 64) {
                    throw new RepoConfigException(lineOf(text, "cpus"), "limits.cpus must be between 0 and 64");
                }
                cpus = raw.cpus;
            }
            if (raw.memory != null) {
                try {
                    memory = parseSize(raw.memory);
                } catch (IllegalArgumentException e) {
                    throw new RepoConfigException(lineOf(text, "memory"), e.getMessage());
                }
                if (memory < 64L << 20) {
                    throw new RepoConfigException(lineOf(text, "memory"), "limits.memory must be at least 64m");
                }
            }
            if (raw.timeout != null) {
                try {
                    timeout = parseDuration(raw.timeout);
                } catch (IllegalArgumentException e) {
                    throw new RepoConfigException(lineOf(text, "timeout"), e.getMessage());
                }
            }
        }
        return new RepoConfig.Limits(cpus, memory, timeout);
    }

    /** Parses sizes such as {@code 512m}, {@code 1g}, {@code 1048576}. */
    public static long parseSize(String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + value + "' (use e.g. 512m or 1g)");
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        return (long) (n * unit);
    }

    /** Parses durations such as {@code 90s}, {@code 10m}, {@code 1h}. */
    public static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (use e.g. 90s or 10m)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero() || d.compareTo(Duration.ofHours(6)) > 0) {
            throw new IllegalArgumentException("timeout must be between 1ms and 6h: '" + value + "'");
        }
        return d;
    }

    /** What each key holds, in the words the wrong-type message uses ("limits must be a mapping like ..."). */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("", "the file must be a mapping of keys, e.g. test: python3 -m pytest"),
            Map.entry("image", "image must be an image name, e.g. selfcode/python:3.11"),
            Map.entry("setup", "setup must be one command (text), e.g. pip install -e ."),
            Map.entry("lint", "lint must be one command (text), e.g. flake8 ."),
            Map.entry("test", "test must be one command (text), e.g. python3 -m pytest -q"),
            Map.entry("coverage", "coverage must be a report path (text), e.g. $SELFCODE_OUT/coverage.xml"),
            Map.entry("metrics", "metrics must be one command (text), e.g. python3 tools/roi.py"),
            Map.entry("deps", "deps must be one command (text), e.g. npm ci, or none"),
            Map.entry("threshold", "threshold must be a number >= 0, e.g. 0.5"),
            Map.entry("automerge", "automerge must be a threshold >= 0, e.g. 0.1"),
            Map.entry("paths", "paths must be a list of globs like [\"src/**\"]"),
            Map.entry("limits", "limits must be a mapping like { cpus: 1, memory: 1g, timeout: 10m }"),
            Map.entry("limits.cpus", "limits.cpus must be a number, e.g. 2"),
            Map.entry("limits.memory", "limits.memory must be a size, e.g. 512m or 1g"),
            Map.entry("limits.timeout", "limits.timeout must be a duration, e.g. 90s or 10m"),
            Map.entry("sweep", "sweep must be a mapping like { cron: \"0 3 * * 1\", refactor_worst: true }"),
            Map.entry("sweep.cron", "sweep.cron must be a cron expression (text), e.g. \"0 3 * * 1\""),
            Map.entry("sweep.refactor_worst", "sweep.refactor_worst must be true or false"),
            Map.entry("sweep.timezone", "sweep.timezone must be a time zone name (text), e.g. \"Europe/Berlin\""),
            Map.entry("sweep.template_prs", "sweep.template_prs must be true or false"),
            Map.entry("counting", "counting must be reports or exit-code"),
            Map.entry("max_open_prs", "max_open_prs must be a whole number >= 1, e.g. 3"),
            Map.entry("max_patches_per_day", "max_patches_per_day must be a whole number >= 1, e.g. 10"),
            Map.entry("max_tokens_per_day", "max_tokens_per_day must be a whole number >= 1, e.g. 200000"),
            Map.entry("breaker", "breaker must be a whole number >= 1, e.g. 3"),
            Map.entry("repair_attempts", "repair_attempts must be a whole number from " + RepoConfig.MIN_REPAIR_ATTEMPTS
                    + " to " + RepoConfig.MAX_REPAIR_ATTEMPTS + " (default " + RepoConfig.DEFAULT_REPAIR_ATTEMPTS
                    + "), e.g. 2"));

    /** The key a Jackson error is about, as written in the file: "limits.cpus" (list indexes left out). */
    private static String keyPath(List<JsonMappingException.Reference> path) {
        return path.stream().map(JsonMappingException.Reference::getFieldName).filter(n -> n != null)
                .collect(Collectors.joining("."));
    }

    private static String wrongType(MismatchedInputException e) {
        String key = keyPath(e.getPath());
        return EXPECTED.getOrDefault(key, key + " has the wrong type");
    }

    private static String unknownKey(UnrecognizedPropertyException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String parent = keyPath(path.subList(0, Math.max(0, path.size() - 1)));
        List<String> known = parent.isEmpty()
                ? KNOWN_KEYS
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        return "unknown key '" + e.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent)
                + " (known keys: " + String.join(", ", known) + ")";
    }

    /**
     * A syntax error, on the line of the problem itself (the parser's own location is where the token it was
     * reading began, often the line before); at the end of the file, on the line where the unfinished part began.
     */
    private static RepoConfigException notYaml(JsonProcessingException e, String text) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark at = yaml.getProblemMark();
                long lines = text.lines().count();
                if (at.getLine() + 1 > lines && yaml.getContextMark() != null) {
                    at = yaml.getContextMark();
                }
                int[] buffer = at.getBuffer();
                boolean tab = buffer != null && at.getPointer() < buffer.length && buffer[at.getPointer()] == '\t';
                String context = yaml.getContext() == null ? "" : yaml.getContext().strip() + ": ";
                return new RepoConfigException(at.getLine() + 1, tab
                        ? "a tab; use spaces (YAML does not allow tabs for indentation)"
                        : "not valid YAML: " + context + String.valueOf(yaml.getProblem()).strip());
            }
        }
        return new RepoConfigException(line(e),
                "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("").strip());
    }

    private static int line(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    /** 1-based line of the first {@code key:} in the text (block or flow style), 0 when absent. */
    static int lineOf(String text, String key) {
        Matcher m = Pattern.compile("(?<![\\w-])" + Pattern.quote(key) + "\\s*:").matcher(text);
        return m.find() ? (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1 : 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static final List<String> KNOWN_KEYS = List.of("image", "setup", "lint", "test", "coverage", "metrics",
            "threshold", "paths", "limits", "sweep", "automerge", "counting", "deps", "max_open_prs", "max_patches_per_day",
            "max_tokens_per_day", "breaker", "repair_attempts");

    /** The file as written; validated into {@link RepoConfig}. */
    static final class Raw {

        public String image;
        public String setup;
        public String lint;
        public String test;
        public String coverage;
        public String metrics;
        public Double threshold;
        public List<String> paths;
        public RawLimits limits;
        public RawSweep sweep;
        public Double automerge;
        /** reports (default) or exit-code: how the test step's results are counted. */
        public String counting;
        public String deps;
        @JsonProperty("max_open_prs")
        public Integer maxOpenPrs;
        @JsonProperty("max_patches_per_day")
        public Integer maxPatchesPerDay;
        @JsonProperty("max_tokens_per_day")
        public Long maxTokensPerDay;
        public Integer breaker;
        @JsonProperty("repair_attempts")
        public Integer repairAttempts;
    }

    static final class RawLimits {

        public Double cpus;
        public String memory;
        public String timeout;
    }

    static final class RawSweep {

        public String cron;
        @JsonProperty("refactor_worst")
        public Boolean refactorWorst;
        public String timezone;
        @JsonProperty("template_prs")
        public Boolean templatePrs;
    }

    /** The sweep settings; the cron and time zone are checked here, so a bad one is named with its line. */
    private static RepoConfig.Sweep sweep(RawSweep raw, String text) throws RepoConfigException {
        if (raw == null) {
            return new RepoConfig.Sweep(RepoConfig.Sweep.DEFAULT_CRON, false);
        }
        String cron = raw.cron == null ? RepoConfig.Sweep.DEFAULT_CRON : raw.cron.trim();
        String zone = raw.timezone == null || raw.timezone.isBlank() ? "UTC" : raw.timezone.trim();
        try {
            SweepCron.parse(cron, zone);
        } catch (IllegalArgumentException e) {
            boolean zoneWrong = e.getMessage().contains("time zone");
            throw new RepoConfigException(lineOf(text, zoneWrong ? "timezone" : "cron"),
                    (zoneWrong ? "sweep.timezone: " : "sweep.cron: ") + e.getMessage());
        }
        return new RepoConfig.Sweep(cron, Boolean.TRUE.equals(raw.refactorWorst), zone,
                Boolean.TRUE.equals(raw.templatePrs), true);
    }
}
