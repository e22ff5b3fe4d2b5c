package dev.selfcode.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a package.json's test script so that its runner writes a report Selfcode can read: finds the runner's
 * invocation inside the script ({@code npm run build && mocha}, {@code cross-env X=1 jest},
 * {@code c8 node --test ./tests/*.js}) and inserts the runner's report options right after its command word. The
 * rewritten line runs the way npm runs a script: in the package folder with {@code node_modules/.bin} on the PATH.
 */
final class NodeTestScript {

    /** Commands that run the command after them (after their own options and {@code VAR=value} words). */
    private static final Set<String> WRAPPERS = Set.of("cross-env", "cross-env-shell", "env", "c8", "nyc", "npx",
            "dotenv", "nodemon", "time", "exec", "nice", "pnpm", "yarn");
    /** Node executables that run node's test runner when given {@code --test}. */
    private static final Set<String> NODES = Set.of("node", "nodejs", "tsx");
    /** Commands whose {@code test} subcommand is jest with their configuration. */
    private static final Set<String> JEST_WRAPPERS = Set.of("react-scripts", "craco", "react-app-rewired");
    private static final int MAX_SCRIPT_DEPTH = 3;

    /** npm puts the package's binaries first on the PATH of a script. */
    static final String PATH_PREFIX = "export PATH=\"$PWD/node_modules/.bin:$PATH\"; ";

    /**
     * What the test step runs and how its results are counted.
     *
     * @param runner  the runner found, as people say it, with why it is counted by exit code when it is
     * @param command the shell line of the test step
     * @param lint    the shell line of the lint step: the lint tools the test script chained before or after its
     *                runner ({@code xo && ava && tsd}), or null when it chains none
     */
    record Plan(String runner, String command, RepoConfig.Counting counting, String lint) {

        Plan(String runner, String command, RepoConfig.Counting counting) {
            this(runner, command, counting, null);
        }
    }

    private final Map<String, String> scripts;
    private final Set<String> dependencies;
    /** How many runs of each report kind the rewritten line has so far: each writes its own channel. */
    private final Map<String, Integer> channels = new java.util.HashMap<>();

    NodeTestScript(Map<String, String> scripts, Set<String> dependencies) {
        this.scripts = scripts;
        this.dependencies = dependencies;
    }

    /** The plan for the {@code test} script (which must exist). */
    Plan plan() {
        String written = scripts.get("test");
        List<String> lintTools = new ArrayList<>();
        Optional<String> split = withoutLint(written, 0, lintTools).filter(s -> !s.isBlank());
        if (split.isEmpty()) {
            lintTools.clear(); // no lint tool, or nothing but lint tools: the whole script stays the test step
        }
        String script = split.orElse(written);
        String lint = lintTools.isEmpty() ? null : PATH_PREFIX + lintLine(lintTools);
        channels.clear();
        List<NodeRunner> found = new ArrayList<>();
        Optional<String> rewritten = rewrite(script, 0, found);
        String pretest = scripts.containsKey("pretest") ? "npm run pretest && " : "";
        if (rewritten.isEmpty()) {
            return new Plan("npm test (counted by exit code: " + whyNot(script) + ")", PATH_PREFIX + pretest + script,
                    RepoConfig.Counting.EXIT_CODE, lint);
        }
        String line = rewritten.get();
        // edit() goes from the end backwards: the runners in the order they run.
        List<NodeRunner> runners = new ArrayList<>(found);
        java.util.Collections.reverse(runners);
        String label = String.join(" + ", runners.stream().map(r -> r.label).toList());
        Optional<NodeRunner> silent = runners.stream().filter(r -> !r.writesReport()).findFirst();
        if (silent.isPresent()) {
            return new Plan(label + " (counted by exit code: " + silent.get().label + " writes no report)",
                    PATH_PREFIX + pretest + script, RepoConfig.Counting.EXIT_CODE, lint);
        }
        return new Plan(label, PATH_PREFIX + pretest + line, RepoConfig.Counting.REPORTS, lint);
    }

    /**
     * The lint step's line: every tool runs, whatever the others found, and the step fails when any of them did
     * (the sandbox counts a failing linter's output lines as findings, never as a failed measurement).
     */
    private static String lintLine(List<String> tools) {
        StringBuilder line = new StringBuilder("s=0; ");
        tools.forEach(t -> line.append(t).append(" || s=$?; "));
        return line.append("exit $s").toString();
    }

    /**
     * The script without the lint tools of its {@code &&} chain (nested {@code npm run X} chains inlined when they
     * hold one), which go to {@code lint}; empty when the script is not a plain {@code &&} chain or chains none.
     * Inlining is exact for such chains: {@code a && (b && c) && d} runs and fails like {@code a && b && c && d}.
     */
    private Optional<String> withoutLint(String script, int depth, List<String> lint) {
        Optional<ShellLine> parsed = ShellLine.parse(script);
        if (parsed.isEmpty() || depth > MAX_SCRIPT_DEPTH) {
            return Optional.empty();
        }
        List<ShellLine.Command> commands = parsed.get().commands;
        for (int i = 0; i < commands.size(); i++) {
            if (!commands.get(i).next().equals(i == commands.size() - 1 ? "" : "&&")) {
                return Optional.empty(); // "a || b", "a | b", "a; b": the tools' place in the flow matters
            }
        }
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < commands.size(); i++) {
            ShellLine.Command c = commands.get(i);
            // The command as written, redirections included: up to its "&&" (or the end of the line).
            int end = i == commands.size() - 1 ? script.length() : commands.get(i + 1).start();
            String text = script.substring(c.start(), end).strip();
            if (i < commands.size() - 1) {
                text = text.substring(0, text.length() - 2).strip();
            }
            if (LintTools.isLint(c.words().stream().map(ShellLine.Word::text).toList())) {
                lint.add(text);
                changed = true;
                continue;
            }
            Optional<String> nested = nestedScript(c);
            if (nested.isPresent()) {
                Optional<String> inner = withoutLint(scripts.get(nested.get()), depth + 1, lint);
                if (inner.isPresent()) {
                    changed = true;
                    if (!inner.get().isBlank()) {
                        kept.add(inner.get());
                    }
                    continue;
                }
            }
            kept.add(text);
        }
        return changed ? Optional.of(String.join(" && ", kept)) : Optional.empty();
    }

    /** Why a script cannot be rewritten, for the plan's label. */
    private String whyNot(String script) {
        if (ShellLine.parse(script).isEmpty()) {
            return "its test script uses shell syntax Selfcode does not rewrite";
        }
        List<NodeRunner> found = new ArrayList<>();
        collect(script, 0, found);
        if (tooManyRuns(found)) {
            return "its test script runs more than " + NodeRunner.MAX_RUNS_PER_REPORT
                    + " test runs writing the same kind of report";
        }
        return "no test runner Selfcode reads in its test script";
    }

    /**
     * The script with report options after each runner it invokes (directly or through {@code npm run X}), each
     * writing its own report channel, or empty when it invokes none, more runs of one report kind than the sandbox
     * has channels for, or cannot be read. {@code found} receives the runners, last first.
     */
    private Optional<String> rewrite(String script, int depth, List<NodeRunner> found) {
        List<NodeRunner> all = new ArrayList<>();
        collect(script, depth, all);
        if (all.isEmpty() || tooManyRuns(all)) {
            return Optional.empty();
        }
        return edit(script, depth, found);
    }

    private static boolean tooManyRuns(List<NodeRunner> runners) {
        return runners.stream().filter(NodeRunner::writesReport)
                .collect(java.util.stream.Collectors.groupingBy(r -> r.report, java.util.stream.Collectors.counting()))
                .values().stream().anyMatch(n -> n > NodeRunner.MAX_RUNS_PER_REPORT);
    }

    /** Every runner invocation of the script, nested scripts included. */
    private void collect(String script, int depth, List<NodeRunner> found) {
        Optional<ShellLine> line = ShellLine.parse(script);
        if (line.isEmpty() || depth > MAX_SCRIPT_DEPTH) {
            return;
        }
        for (ShellLine.Command c : line.get().commands) {
            Invocation at = invocation(c);
            if (at != null) {
                found.add(at.runner);
            } else {
                nestedScript(c).ifPresent(s -> collect(scripts.get(s), depth + 1, found));
            }
        }
    }

    private Optional<String> edit(String script, int depth, List<NodeRunner> found) {
        ShellLine line = ShellLine.parse(script).orElseThrow();
        // Edits from the end backwards, so that earlier offsets stay valid.
        List<ShellLine.Command> commands = new ArrayList<>(line.commands);
        commands.sort(Comparator.comparingInt(ShellLine.Command::start).reversed());
        StringBuilder out = new StringBuilder(script);
        for (ShellLine.Command c : commands) {
            Invocation at = invocation(c);
            if (at != null) {
                found.add(at.runner);
                if (at.runner.reportsOnStdout() && c.next().equals("|")) {
                    // "tape test/*.js | tap-spec": the formatter would eat the report; the runner's own exit code counts.
                    out.delete(c.end(), pipelineEnd(line, c));
                }
                if (at.runner.writesReport()) {
                    int n = channels.merge(at.runner.report, 1, Integer::sum);
                    out.insert(at.insertAt, at.insert.replace(at.runner.options, at.runner.options(n)));
                }
                continue;
            }
            Optional<String> nested = nestedScript(c);
            if (nested.isPresent()) {
                List<NodeRunner> inner = new ArrayList<>();
                collect(scripts.get(nested.get()), depth + 1, inner);
                if (!inner.isEmpty()) {
                    // "npm run test:unit": that script, rewritten, in a subshell of its own (as npm would run it).
                    String body = edit(scripts.get(nested.get()), depth + 1, found).orElseThrow();
                    out.replace(c.start(), c.end(), "(" + body + ")");
                }
            }
        }
        return Optional.of(out.toString());
    }

    /** Where the pipeline that {@code c} starts ends: the next {@code && || ; &} or the end of the line. */
    private static int pipelineEnd(ShellLine line, ShellLine.Command c) {
        int i = line.commands.indexOf(c);
        while (i < line.commands.size() && line.commands.get(i).next().equals("|")) {
            i++;
        }
        return i < line.commands.size() ? line.commands.get(i).end() : line.text.length();
    }

    /** A runner's command word inside one simple command, and what to insert where. */
    private record Invocation(NodeRunner runner, int insertAt, String insert) {
    }

    private Invocation invocation(ShellLine.Command c) {
        List<ShellLine.Word> words = c.words();
        boolean wrapped = false;
        boolean optionValue = false;
        for (int i = 0; i < words.size(); i++) {
            ShellLine.Word w = words.get(i);
            String word = w.text();
            if (word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                continue; // NODE_ENV=test
            }
            NodeRunner runner = NodeRunner.named(word);
            if (runner != null) {
                return at(runner, words, i);
            }
            if (JEST_WRAPPERS.contains(basename(word)) && i + 1 < words.size() && words.get(i + 1).text().equals("test")) {
                // Create React App's jest, which watches for changes unless told otherwise (or CI is set).
                return new Invocation(NodeRunner.JEST, words.get(i + 1).end(), " --watchAll=false " + NodeRunner.JEST.options);
            }
            if (NODES.contains(basename(word))) {
                return node(words, i);
            }
            if (WRAPPERS.contains(basename(word))) {
                wrapped = true;
                optionValue = false;
                continue;
            }
            if (wrapped && word.startsWith("-")) {
                // "-r lcov": a short or long option without "=" may take the next word as its value.
                optionValue = !word.contains("=") && !word.equals("--");
                continue;
            }
            if (wrapped && optionValue) {
                optionValue = false;
                continue;
            }
            return null;
        }
        return null;
    }

    /** {@code node [options] --test ...}, {@code node [options] node_modules/.bin/jest ...}, or tape run by node. */
    private Invocation node(List<ShellLine.Word> words, int i) {
        for (int j = i + 1; j < words.size(); j++) {
            String word = words.get(j).text();
            if (word.equals("--test")) {
                return at(NodeRunner.NODE_TEST, words, i);
            }
            if (!word.startsWith("-")) {
                NodeRunner runner = NodeRunner.named(word);
                if (runner != null && runner != NodeRunner.UVU) {
                    return at(runner, words, j);
                }
                // "node test/index.js" in a tape project prints TAP.
                return runner == null && dependencies.contains("tape") ? at(NodeRunner.TAPE, words, i) : null;
            }
        }
        return null;
    }

    private static Invocation at(NodeRunner runner, List<ShellLine.Word> words, int i) {
        int end = words.get(i).end();
        if (runner == NodeRunner.VITEST) {
            boolean sub = i + 1 < words.size() && NodeRunner.VITEST_SUBCOMMANDS.contains(words.get(i + 1).text());
            if (sub && words.get(i + 1).text().equals("run")) {
                return new Invocation(runner, words.get(i + 1).end(), " " + runner.options);
            }
            if (sub) {
                return new Invocation(runner, end, " " + runner.options); // watch/dev/bench: as written
            }
            return new Invocation(runner, end, " run " + runner.options);
        }
        return new Invocation(runner, end, " " + runner.options);
    }

    /** The script a command runs through the package manager ({@code npm run X}, {@code yarn X}), if it names one. */
    private Optional<String> nestedScript(ShellLine.Command c) {
        List<String> w = c.words().stream().map(ShellLine.Word::text).toList();
        String name = null;
        if (w.size() == 3 && w.get(0).equals("npm") && (w.get(1).equals("run") || w.get(1).equals("run-script"))) {
            name = w.get(2);
        } else if (w.size() == 4 && w.get(0).equals("npm") && w.get(1).equals("run") && w.get(2).matches("-s|--silent")) {
            name = w.get(3);
        } else if (w.size() == 3 && (w.get(0).equals("yarn") || w.get(0).equals("pnpm")) && w.get(1).equals("run")) {
            name = w.get(2);
        } else if (w.size() == 2 && (w.get(0).equals("yarn") || w.get(0).equals("pnpm"))) {
            name = w.get(1);
        }
        return name != null && scripts.containsKey(name) && !name.equals("test") ? Optional.of(name) : Optional.empty();
    }

    private static String basename(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }
}
