package dev.selfcode.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/** Turns what a finished run left in its directory into an {@link Evaluation}, deciding its status. */
final class EvaluationReader {

    /** The coverage report names the runner seals in {@code $SELFCODE_OUT}. */
    static final List<String> COVERAGE_REPORTS = List.of("coverage.xml", "lcov.info");
    /** Every report channel of the runner (runner.sh's {@code reports}). */
    static final List<String> SEALED_REPORTS = java.util.stream.Stream
            .concat(JUnitReportCollector.TEST_REPORTS.stream(), COVERAGE_REPORTS.stream()).toList();

    private final RunDirectory run;
    private final List<String> steps;
    private final int outputLimit;
    private final Path sources;
    private final List<String> notes = new ArrayList<>();
    /** The test reports read by {@link #read}. */
    private JUnitReport tests = new JUnitReport(JUnitReport.Kind.JUNIT, 0, 0, 0, 0, null);

    EvaluationReader(RunDirectory run, List<String> steps, int outputLimit) {
        this(run, steps, outputLimit, run.workspace);
    }

    /** @param sources the checkout the run was copied from: errors are attributed to its files */
    EvaluationReader(RunDirectory run, List<String> steps, int outputLimit, Path sources) {
        this.run = run;
        this.steps = steps;
        this.outputLimit = outputLimit;
        this.sources = sources;
    }

    Evaluation read(RepoConfig config, HardenedContainer.Outcome outcome) {
        Map<String, Integer> exits = new LinkedHashMap<>();
        Map<String, String> logs = new LinkedHashMap<>();
        for (String step : steps) {
            run.exitCode(step).ifPresent(code -> exits.put(step, code));
            run.stepLog(step, outputLimit).ifPresent(log -> logs.put(step, log));
        }
        long[] usage = numbers(run.control("usage").orElse(""), 2);
        long peakMemory = Math.max(0, usage[0]);
        // The runner records the cgroup's OOM kills; the runner itself killed shows as container exit 137.
        boolean oomKilled = usage[1] > 0 || (outcome.exitCode() == 137 && !outcome.killedAtDeadline());
        long[] cpu = numbers(run.control("test.cpu").orElse(""), 2);
        double cpuSeconds = cpu[0] >= 0 && cpu[1] >= cpu[0] ? (cpu[1] - cpu[0]) / 1e9 : 0;

        boolean byExitCode = config.counting() == RepoConfig.Counting.EXIT_CODE;
        JUnitReportCollector.Collected junit = byExitCode ? byExitCode(exits.get("test")) : JUnitReportCollector.collect(run);
        junit.total().ifPresent(t -> tests = t);
        int lintFindings = exits.containsKey("lint")
                ? LintOutputParser.findings(logs.getOrDefault("lint", ""), exits.get("lint"))
                : 0;
        Optional<Double> coverage = config.coverageReport().flatMap(this::coverage);
        Map<String, Double> custom = exits.containsKey("metrics")
                ? metrics(exits.get("metrics"), logs.get("metrics"))
                : Map.of();

        Optional<Integer> collected = CollectedTests.count(run.testOutputHead(), logs.getOrDefault("test", ""),
                junit.fromWorkspace() ? 1 : junit.files());
        Optional<Integer> mavenFailing = junit.fromWorkspace()
                ? CollectedTests.mavenFailing(logs.getOrDefault("test", ""))
                : Optional.empty();
        int notesBefore = notes.size();
        Status status = status(config, outcome, exits, oomKilled, junit, collected, mavenFailing);
        // The note the status decision added is the cause; earlier ones (coverage, metrics) are side remarks.
        String cause = status == Status.OK || notes.size() == notesBefore ? "" : notes.get(notesBefore);
        // Only a usable run's errors mean something per module (a build failure is nobody's module).
        List<ModuleError> modules = status == Status.OK
                ? AttributeErrors.of(sources, exits.containsKey("lint") ? logs.getOrDefault("lint", "") : "",
                        tests.failures())
                : List.of();
        return new Evaluation(status, tests.passed(), tests.failed(), tests.errored(), tests.skipped(), lintFindings,
                coverage, custom, cpuSeconds, peakMemory, outcome.wallSeconds(), exits, logTail(exits, logs),
                tests.ids().stream().distinct().sorted().toList(), cause, modules,
                tests.failingIds().stream().distinct().sorted().toList(), List.of());
    }

    /** The ids of the tests that passed in the reports {@link #read} read. */
    java.util.SortedSet<String> passedIds() {
        return tests.passedIds();
    }

    private Status status(RepoConfig config, HardenedContainer.Outcome outcome, Map<String, Integer> exits,
            boolean oomKilled, JUnitReportCollector.Collected junit, Optional<Integer> collected,
            Optional<Integer> mavenFailing) {
        Optional<String> runnerError = run.runnerError();
        if (runnerError.isPresent()) {
            notes.add(runnerError.get());
            return Status.SANDBOX_ERROR;
        }
        Optional<String> timedOutStep = run.control("timeout");
        if (outcome.killedAtDeadline() || timedOutStep.isPresent()) {
            notes.add("timed out after " + config.limits().timeout().toSeconds() + " s"
                    + timedOutStep.map(s -> " in step '" + s + "'").orElse("") + "; the container was killed");
            return Status.TIMEOUT;
        }
        Integer setup = exits.get("setup");
        if (setup != null && setup != 0) {
            notes.add("the setup step failed (exit " + setup + ")");
            return Status.BUILD_FAILED;
        }
        if (oomKilled) {
            notes.add("a process was killed for using more than the memory limit of "
                    + (config.limits().memoryBytes() >> 20) + " MiB");
            return Status.BUILD_FAILED;
        }
        Integer test = exits.get("test");
        if (test == null) {
            notes.add("the test step did not finish (container exit " + outcome.exitCode() + ")");
            return Status.BUILD_FAILED;
        }
        if (test == 137) {
            notes.add("the test step was killed (exit 137)");
            return Status.BUILD_FAILED;
        }
        List<String> rewritten = rewrittenReports();
        if (!rewritten.isEmpty()) {
            notes.add("the report " + String.join(", ", rewritten) + " was written more than once: only the test"
                    + " runner's own report option may write it, once; code run by the tests wrote a report of its own");
            return Status.INCONSISTENT;
        }
        if (config.counting() == RepoConfig.Counting.EXIT_CODE && (test == 126 || test == 127)) {
            notes.add("the test command was not found or cannot run (exit " + test + ")");
            return Status.BUILD_FAILED;
        }
        if (!junit.problems().isEmpty()) {
            junit.problems().forEach(p -> notes.add("unusable test report " + p));
            return Status.BUILD_FAILED;
        }
        if (junit.total().isEmpty()) {
            if (test == 0 && collected.orElse(0) > 0) {
                notes.add("the test step exited 0 after the test runner collected " + collected.get()
                        + " tests, but no report arrived through $SELFCODE_OUT");
                return Status.INCONSISTENT;
            }
            if (test == 0) {
                notes.add("the test step passed but wrote no JUnit report");
                return Status.NO_TESTS;
            }
            notes.add("the test step exited " + test + " without a JUnit report (did it compile?)");
            return Status.BUILD_FAILED;
        }
        JUnitReport t = junit.total().get();
        if (collected.isPresent() && t.total() > collected.get()) {
            notes.add("the test reports name " + t.total() + " tests but the test runner collected only "
                    + collected.get() + ": the reports were not written by the test runner alone");
            return Status.INCONSISTENT;
        }
        if (mavenFailing.isPresent() && mavenFailing.get() > t.failed() + t.errored()) {
            notes.add("Maven's summary counts " + mavenFailing.get() + " failing tests but its reports in the"
                    + " workspace only " + (t.failed() + t.errored()) + ": the reports were rewritten after Surefire"
                    + " wrote them");
            return Status.INCONSISTENT;
        }
        if (t.total() == 0) {
            notes.add("the JUnit reports contain no test");
            return Status.NO_TESTS;
        }
        if (test == 0 && t.failed() + t.errored() > 0 && !junit.fromWorkspace()) {
            // Maven may ignore failures (testFailureIgnore); a runner writing a sealed report never exits 0 with them.
            notes.add("the test step exited 0 although its report shows " + (t.failed() + t.errored())
                    + " failing tests: the exit code and the report disagree (the process exited early, or the"
                    + " test command ignores failures)");
            return Status.INCONSISTENT;
        }
        if (test != 0 && t.failed() + t.errored() == 0) {
            // e.g. one Maven module's tests passed and another's did not compile.
            notes.add("the test step exited " + test + " although its reports show no failing test");
            return Status.BUILD_FAILED;
        }
        return Status.OK;
    }

    /** Counting by exit code: the whole test step is one test, passed when it exits 0 (no ids: nothing names one). */
    private JUnitReportCollector.Collected byExitCode(Integer exit) {
        if (exit == null) {
            return new JUnitReportCollector.Collected(Optional.empty(), 0, List.of(), false);
        }
        notes.add("tests counted by the test step's exit code (counting: exit-code): one " + (exit == 0 ? "passed" : "failed")
                + " test");
        return new JUnitReportCollector.Collected(Optional.of(new JUnitReport(JUnitReport.Kind.JUNIT, exit == 0 ? 1 : 0,
                exit == 0 ? 0 : 1, 0, 0, null)), 0, List.of(), false);
    }

    private Optional<Double> coverage(String configured) {
        String p = configured.replace("${SELFCODE_OUT}", Sandbox.OUT).replace("$SELFCODE_OUT", Sandbox.OUT);
        Optional<byte[]> content;
        if (p.startsWith(Sandbox.OUT + "/")) {
            String name = p.substring(Sandbox.OUT.length() + 1);
            if (!COVERAGE_REPORTS.contains(name)) {
                notes.add("a coverage report under $SELFCODE_OUT must be named " + String.join(" or ", COVERAGE_REPORTS)
                        + ": " + configured);
                return Optional.empty();
            }
            content = run.sealedReport(name, CoverageReportParser.MAX_BYTES);
        } else {
            Optional<Path> file = coverageFile(configured);
            if (file.isEmpty()) {
                notes.add("coverage report path must be relative, or under $SELFCODE_OUT or /workspace: " + configured);
                return Optional.empty();
            }
            content = SafeFiles.head(run.root, file.get(), CoverageReportParser.MAX_BYTES);
        }
        if (content.isEmpty()) {
            notes.add("no coverage report at " + configured);
            return Optional.empty();
        }
        Parsed<Double> parsed = CoverageReportParser.parse(content.get());
        if (!parsed.isOk()) {
            notes.add("coverage report " + configured + ": " + parsed.problem());
        }
        return Optional.ofNullable(parsed.value());
    }

    /** The sealed report channels written more than once, with how often. */
    private List<String> rewrittenReports() {
        List<String> rewritten = new ArrayList<>();
        for (String name : SEALED_REPORTS) {
            int writes = run.reportWrites(name);
            if (writes > 1) {
                rewritten.add("$SELFCODE_OUT/" + name + " (" + writes + " times)");
            }
        }
        return rewritten;
    }

    /** Maps the configured report path (as seen inside the container) to the host. */
    private Optional<Path> coverageFile(String configured) {
        String p = configured.replace("${SELFCODE_OUT}", Sandbox.OUT).replace("$SELFCODE_OUT", Sandbox.OUT);
        if (p.startsWith(Sandbox.WORKSPACE + "/")) {
            return Optional.of(run.workspace.resolve(p.substring(Sandbox.WORKSPACE.length() + 1)));
        }
        return p.startsWith("/") || p.contains("$") ? Optional.empty() : Optional.of(run.workspace.resolve(p));
    }

    private Map<String, Double> metrics(int exit, String output) {
        if (exit != 0) {
            notes.add("the metrics command failed (exit " + exit + "); its numbers are ignored");
            return Map.of();
        }
        Parsed<Map<String, Double>> parsed = MetricsOutputParser.parse(output == null ? "" : output);
        if (!parsed.isOk()) {
            notes.add(parsed.problem());
            return Map.of();
        }
        return parsed.value();
    }

    private String logTail(Map<String, Integer> exits, Map<String, String> logs) {
        StringBuilder all = new StringBuilder();
        for (String step : steps) {
            if (!logs.containsKey(step) && !exits.containsKey(step)) {
                continue;
            }
            all.append("$ ").append(step).append('\n').append(logs.getOrDefault(step, ""));
            if (all.length() > 0 && all.charAt(all.length() - 1) != '\n') {
                all.append('\n');
            }
            Integer code = exits.get(step);
            all.append("[").append(step).append(code == null ? " did not finish" : " exited " + code).append("]\n");
        }
        String tail = SafeFiles.keepTail(all.toString(), outputLimit);
        return notes.isEmpty() ? tail : tail + "[selfcode] " + String.join("\n[selfcode] ", notes) + "\n";
    }

    /** The first {@code n} whitespace-separated integers of {@code text}, -1 for each missing one. */
    static long[] numbers(String text, int n) {
        long[] values = new long[n];
        java.util.Arrays.fill(values, -1);
        String[] parts = text.strip().split("\\s+");
        for (int i = 0; i < n && i < parts.length; i++) {
            try {
                values[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                // stays -1: unknown
            }
        }
        return values;
    }
}
