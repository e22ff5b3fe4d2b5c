package dev.selfcode.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines that say why a step failed, picked from an evaluation's log tail: the failing step's own output (not
 * the whole log), and of it Maven's {@code [ERROR]} lines, node's "Cannot find module" / "Could not find" line or the
 * shell's "not found" line when there are any, else its last lines.
 *
 * <p>
 * The tail is the sandbox's: each step is {@code $ name}, its output, then {@code [name exited N]} or
 * {@code [name did not finish]}; lines starting with {@code [selfcode]} are the sandbox's own notes.
 */
final class FailingStepExcerpt {

    /** At most this many lines are shown; a person reads the first screen. */
    static final int MAX_LINES = 20;
    static final int MAX_LINE_CHARS = 300;
    /** What the sandbox puts in front of a tail whose beginning it dropped (SafeFiles.keepTail). */
    static final String DROPPED = "[... earlier output dropped ...]";

    private static final java.util.Set<String> SECONDARY = java.util.Set.of("lint", "metrics");
    private static final Pattern START = Pattern.compile("^\\$ ([\\w.-]+)$");
    private static final Pattern END = Pattern.compile("^\\[([\\w.-]+) (?:exited (-?\\d+)|did not finish)]$");
    /** dash: "sh: 1: uvu: not found"; bash: "bash: uvu: command not found"; env: "env: 'uvu': No such file...". */
    private static final Pattern NOT_FOUND = Pattern.compile(
            "(?:^|: )(?:\\d+: )?'?([\\w./@+-]+)'?: (?:command )?not found$|^env: '?([\\w./@+-]+)'?: No such file or directory$");
    private static final Pattern NODE_MISSING = Pattern.compile("Cannot find module|Could not find|ERR_MODULE_NOT_FOUND");
    private static final Pattern MAVEN_NOISE = Pattern.compile("^\\[ERROR]\\s*$|-> \\[Help 1]|Re-run Maven|"
            + "For more information about the errors|\\[Help \\d+] http|To see the full stack trace|"
            + "After correcting the problems|mvn <args> -rf|^\\[ERROR] *$");

    /**
     * @param step           the failing step, empty when the tail names none
     * @param exitCode       its exit code, empty when it did not finish
     * @param lines          the lines to show, at most {@link #MAX_LINES}
     * @param missingCommand the command the shell could not find (exit 127), if it said which
     * @param outputDropped  true when the output cap dropped the beginning of the log
     */
    record Excerpt(String step, Optional<Integer> exitCode, List<String> lines, Optional<String> missingCommand,
            boolean outputDropped) {
    }

    private record Section(String step, List<String> lines, Optional<Integer> exit, boolean ended) {
    }

    private FailingStepExcerpt() {
    }

    /** The excerpt of the step that failed in {@code logTail}; {@code exitCodes} by step name, in run order. */
    static Excerpt of(String logTail, Map<String, Integer> exitCodes) {
        String tail = logTail == null ? "" : logTail;
        Map<String, Section> sections = sections(tail);
        Section failing = failing(sections, exitCodes);
        boolean dropped = tail.contains(DROPPED);
        if (failing == null) {
            // A log of one phase without step markers (the dependency phase's): named by the exit code that failed.
            List<String> own = tail.lines().filter(l -> !l.startsWith("[selfcode]") && !l.equals(DROPPED)).toList();
            Optional<Map.Entry<String, Integer>> failed = exitCodes.entrySet().stream().filter(e -> e.getValue() != 0)
                    .findFirst();
            Optional<String> missing = missingCommand(own);
            Optional<Integer> exit = failed.map(Map.Entry::getValue);
            return new Excerpt(failed.map(Map.Entry::getKey).orElse(""), exit,
                    pick(own, missing.isPresent() || exit.orElse(0) == 127), missing, dropped);
        }
        Optional<Integer> exit = failing.exit().or(() -> Optional.ofNullable(exitCodes.get(failing.step())));
        List<String> body = failing.lines();
        Optional<String> missing = missingCommand(body);
        return new Excerpt(failing.step(), exit, pick(body, missing.isPresent() || exit.orElse(0) == 127), missing,
                dropped);
    }

    /** The step's sections in order of appearance; a step cut off at the top of the tail still counts. */
    private static Map<String, Section> sections(String tail) {
        Map<String, Section> sections = new LinkedHashMap<>();
        String step = null;
        List<String> lines = new ArrayList<>();
        for (String line : tail.lines().toList()) {
            Matcher start = START.matcher(line);
            Matcher end = END.matcher(line);
            if (start.matches()) {
                step = start.group(1);
                lines = new ArrayList<>();
            } else if (end.matches()) {
                String name = end.group(1);
                Optional<Integer> exit = Optional.ofNullable(end.group(2)).map(Integer::valueOf);
                // step == null: the cap dropped this step's "$ name" line, and the lines so far are its end.
                sections.put(name, new Section(name, name.equals(step) || step == null ? lines : List.of(), exit,
                        true));
                step = null;
                lines = new ArrayList<>();
            } else if (step != null && !line.startsWith("[selfcode]")) {
                lines.add(line);
            } else if (step == null && !line.startsWith("[selfcode]") && !line.equals(DROPPED)) {
                lines.add(line); // the end of a step whose "$ name" line the cap dropped
            }
        }
        if (step != null) {
            sections.put(step, new Section(step, lines, Optional.empty(), false));
        }
        return sections;
    }

    /**
     * The first step that exited non-zero or did not finish, lint and metrics last (lint exits non-zero for its
     * findings, and a failing metrics command only loses its numbers); else the test step (it ran but counted nothing).
     */
    private static Section failing(Map<String, Section> sections, Map<String, Integer> exitCodes) {
        Section secondary = null;
        for (Section s : sections.values()) {
            Integer exit = s.exit().orElse(exitCodes.get(s.step()));
            if (s.ended() && exit != null && exit == 0) {
                continue;
            }
            if (!SECONDARY.contains(s.step())) {
                return s;
            }
            secondary = secondary == null ? s : secondary;
        }
        return sections.getOrDefault("test", secondary);
    }

    private static Optional<String> missingCommand(List<String> body) {
        for (String line : body) {
            Matcher m = NOT_FOUND.matcher(line.strip());
            if (m.find()) {
                return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return Optional.empty();
    }

    private static List<String> pick(List<String> body, boolean notFound) {
        if (notFound) {
            List<String> found = body.stream().filter(l -> NOT_FOUND.matcher(l.strip()).find()).toList();
            if (!found.isEmpty()) {
                return cut(found);
            }
        }
        List<String> maven = body.stream().filter(l -> l.startsWith("[ERROR]") && !MAVEN_NOISE.matcher(l).find())
                .toList();
        if (!maven.isEmpty()) {
            return cut(new ArrayList<>(new LinkedHashSet<>(maven)));
        }
        List<String> node = body.stream().filter(l -> NODE_MISSING.matcher(l).find()).toList();
        if (!node.isEmpty()) {
            return cut(new ArrayList<>(new LinkedHashSet<>(node)));
        }
        return last(body);
    }

    /** The last lines that say something (trailing blank lines dropped). */
    private static List<String> last(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return cut(lines.subList(Math.max(0, end - MAX_LINES), end));
    }

    private static List<String> cut(List<String> lines) {
        return lines.stream().limit(MAX_LINES)
                .map(l -> l.length() > MAX_LINE_CHARS ? l.substring(0, MAX_LINE_CHARS) + "…" : l).toList();
    }

    /** All the output of {@code step} in {@code logTail} (its section, without the sandbox's own notes); empty if none. */
    static String stepOutput(String logTail, String step) {
        Section section = sections(logTail == null ? "" : logTail).get(step);
        return section == null ? "" : String.join("\n", section.lines());
    }
}
