package dev.selfcode.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack frames of a failure text, deepest first: Python tracebacks ({@code File "b.py", line 3, in f}) and
 * pytest's long form ({@code b.py:3: ValueError}), listed outermost first; Java stack traces
 * ({@code at a.b.C.m(C.java:12)}, the last {@code Caused by:} first, since its frames are the root cause's); Node's
 * ({@code at f (/workspace/x.js:3:9)}, {@code file:///workspace/x.mjs:3:9}, TAP stack lines without "at").
 */
final class TraceFrames {

    /** A frame: the file as the trace names it (for Java the package path, {@code a/b/C.java}) and the line. */
    record Frame(String path, int line) {
    }

    private static final Pattern PYTHON_TRACEBACK = Pattern.compile("File \"([^\"\\n]{1,500})\", line (\\d{1,9})");
    private static final Pattern PYTEST = Pattern.compile("(?m)^([^\\s:\"'()<>]{1,500}\\.py):(\\d{1,9}):(?:\\s|$)");
    private static final Pattern JAVA = Pattern.compile(
            "\\bat\\s+(?:[\\w$.-]{1,200}/)?([\\w$.]{1,500})\\.[\\w$<>]{1,200}\\(([\\w$]{1,200}\\.(?:java|kt|groovy|scala)):(\\d{1,9})\\)");
    private static final Pattern NODE = Pattern.compile(
            "(?:^|[\\s(@])(?:file://)?([^\\s()'\"<>@]{1,500}\\.(?:[cm]?[jt]sx?|vue)):(\\d{1,9}):\\d{1,9}\\b",
            Pattern.MULTILINE);

    private TraceFrames() {
    }

    /** The frames of {@code trace}, deepest first; empty when it names none. */
    static List<Frame> deepestFirst(String trace) {
        List<Frame> python = python(trace);
        if (!python.isEmpty()) {
            return python;
        }
        List<Frame> java = java(trace);
        return java.isEmpty() ? node(trace) : java;
    }

    private static List<Frame> python(String trace) {
        record At(int position, Frame frame) {
        }
        List<At> found = new ArrayList<>();
        for (Pattern p : List.of(PYTHON_TRACEBACK, PYTEST)) {
            Matcher m = p.matcher(trace);
            while (m.find()) {
                found.add(new At(m.start(), new Frame(m.group(1), Integer.parseInt(m.group(2)))));
            }
        }
        // Printed outermost first: the deepest frame is the last one.
        return found.stream().sorted(Comparator.comparingInt(At::position).reversed()).map(At::frame).toList();
    }

    private static List<Frame> java(String trace) {
        String[] causes = trace.split("(?m)^\\s*Caused by: ");
        List<Frame> frames = new ArrayList<>();
        for (int i = causes.length - 1; i >= 0; i--) {
            Matcher m = JAVA.matcher(causes[i]);
            while (m.find()) {
                String type = m.group(1);
                int dot = type.lastIndexOf('.');
                String pkg = dot < 0 ? "" : type.substring(0, dot).replace('.', '/') + "/";
                frames.add(new Frame(pkg + m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return frames;
    }

    private static List<Frame> node(String trace) {
        List<Frame> frames = new ArrayList<>();
        Matcher m = NODE.matcher(trace);
        while (m.find()) {
            frames.add(new Frame(m.group(1), Integer.parseInt(m.group(2))));
        }
        return frames;
    }
}
