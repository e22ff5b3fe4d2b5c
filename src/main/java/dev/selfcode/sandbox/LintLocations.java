package dev.selfcode.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a linter's findings are: {@code path:line[:col]: message} (flake8, pylint, ruff concise, eslint unix, javac,
 * mypy), {@code path(line,col): message} (tsc), checkstyle's {@code [WARN] path:line:col: message}, the Maven
 * compiler's {@code [ERROR] path:[line,col] message}, and eslint's stylish form (a path line, then indented
 * {@code line:col  error  message}). A finding that names no file is left out: it belongs to no module.
 */
final class LintLocations {

    /** A finding's file as the linter printed it, and its line. */
    record Location(String path, int line) {
    }

    private static final String PATH = "([^\\s:()\\[\\]'\"]{1,500}\\.\\w{1,10})";
    private static final Pattern UNIX = Pattern
            .compile("^(?:\\[\\w{1,10}\\]\\s+)?" + PATH + ":(\\d{1,9})(?::\\d{1,9})?:\\s*\\S.*$");
    private static final Pattern PARENS = Pattern.compile("^" + PATH + "\\((\\d{1,9}),\\d{1,9}\\):\\s*\\S.*$");
    private static final Pattern MAVEN = Pattern.compile("^\\[\\w{1,10}\\]\\s+" + PATH + ":\\[(\\d{1,9}),\\d{1,9}\\]\\s.*$");
    private static final Pattern STYLISH_FILE = Pattern.compile("^" + PATH + "$");
    private static final Pattern STYLISH_FINDING = Pattern.compile("^\\s+(\\d{1,9}):\\d{1,9}\\s+(?:error|warning)\\s.*$");
    private static final int MAX_LINE = 4096;

    private LintLocations() {
    }

    /** The located findings of a lint step's output, in order; at most {@code max}. */
    static List<Location> of(String output, int max) {
        List<Location> found = new ArrayList<>();
        String stylishFile = null;
        for (String line : (Iterable<String>) output.lines()::iterator) {
            if (found.size() >= max) {
                break;
            }
            if (line.length() > MAX_LINE) {
                continue; // caps the work a pathological line can cause in the patterns
            }
            Matcher m = STYLISH_FINDING.matcher(line);
            if (stylishFile != null && m.matches()) {
                found.add(new Location(stylishFile, Integer.parseInt(m.group(1))));
                continue;
            }
            stylishFile = null;
            boolean located = false;
            for (Pattern p : List.of(UNIX, PARENS, MAVEN)) {
                m = p.matcher(line);
                if (m.matches()) {
                    found.add(new Location(m.group(1), Integer.parseInt(m.group(2))));
                    located = true;
                    break;
                }
            }
            if (!located && STYLISH_FILE.matcher(line).matches()) {
                stylishFile = line;
            }
        }
        return found;
    }
}
