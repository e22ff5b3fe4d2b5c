package dev.selfcode.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds and redacts secrets in text: what goes into a prompt, and what a model wrote.
 *
 * <p>
 * Known token shapes (GitHub, AWS, OpenAI-style {@code sk-} keys, PEM private keys) are matched anywhere.
 * Assignments are matched by name ({@code password=}, {@code api_key:}, ...) when the value is a long literal,
 * and by value when a quoted literal looks random (high entropy). Values that are code rather than
 * literals ({@code token = read_token()}) are left alone, so generated helpers are not rejected for naming a
 * parameter {@code password}. Stateless; usable as a CDI bean or with {@code new}.
 */
@ApplicationScoped
public class SecretScanner {

    /** One secret found: what kind, where (offsets into the scanned text) and on which line (1-based). */
    public record Finding(String kind, int start, int end, int line) {
    }

    private record Rule(String kind, Pattern pattern, int group) {
    }

    private static final SecretScanner SHARED = new SecretScanner();
    private static final List<Rule> TOKEN_RULES = List.of(
            new Rule("private-key", Pattern.compile(
                    "-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----"
                            + "(?:[\\s\\S]*?-----END \\1PRIVATE KEY(?: BLOCK)?-----|[\\s\\S]*\\z)"),
                    0),
            new Rule("github-token", Pattern.compile("\\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,255}\\b"), 0),
            new Rule("github-token", Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,255}\\b"), 0),
            new Rule("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 0),
            new Rule("api-key", Pattern.compile("\\bsk-[A-Za-z0-9][A-Za-z0-9_\\-]{19,255}"), 0));

    private static final String NAME_CHAR = "[A-Za-z0-9_.\\-]";
    /**
     * Names that make any long literal assigned to them a secret. Names start at a word boundary and
     * repetitions are bounded: that keeps every pattern linear on long runs of identifier characters
     * (minified code, base64 blobs).
     */
    private static final String SECRET_NAME = "(?<!" + NAME_CHAR + ")" + NAME_CHAR + "{0,40}"
            + "(?i:password|passwd|pwd|secret|token|api[_\\-]?key|access[_\\-]?key|private[_\\-]?key|auth[_\\-]?key"
            + "|credentials?)" + NAME_CHAR + "{0,40}";

    /** {@code name = "value"}, {@code "name": "value"}, {@code name: 'value'}: group 3 is the value. */
    private static final Pattern NAMED_QUOTED = Pattern.compile("[\"']?(" + SECRET_NAME + ")[\"']?"
            + "\\s*(?::=|=|:)\\s*([\"'`])([^\"'`\\s]{8,4096})\\2");
    /** {@code NAME=value} as in .env files and shell: group 2 is the value. */
    private static final Pattern NAMED_BARE = Pattern.compile("(?m)(?:^|[\\s;,{(])(" + SECRET_NAME + ")"
            + "\\s*[=:]\\s*([A-Za-z0-9+/_\\-.~!@#$%^&*]{12,4096})(?=[\\s;,)}]|$)");
    /** Any quoted literal of 20+ token characters assigned to something: group 3 is the value. */
    private static final Pattern ASSIGNED_LITERAL = Pattern.compile("(?<!" + NAME_CHAR + ")([A-Za-z_]" + NAME_CHAR
            + "{0,63}[\"']?)\\s*(?::=|=|:)\\s*([\"'`])([A-Za-z0-9+/=_\\-]{20,4096})\\2");

    /** Every secret in {@code text}, in order of position; overlapping matches are merged. */
    public List<Finding> scan(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        for (Rule rule : TOKEN_RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                found.add(finding(text, rule.kind(), m.start(rule.group()), m.end(rule.group())));
            }
        }
        Matcher quoted = NAMED_QUOTED.matcher(text);
        while (quoted.find()) {
            if (!isPlaceholder(quoted.group(3))) {
                found.add(finding(text, "assigned-secret", quoted.start(3), quoted.end(3)));
            }
        }
        Matcher bare = NAMED_BARE.matcher(text);
        while (bare.find()) {
            String value = bare.group(2);
            if (!isPlaceholder(value) && looksLiteral(value)) {
                found.add(finding(text, "assigned-secret", bare.start(2), bare.end(2)));
            }
        }
        Matcher literal = ASSIGNED_LITERAL.matcher(text);
        while (literal.find()) {
            if (Entropy.looksRandom(literal.group(3))) {
                found.add(finding(text, "high-entropy-string", literal.start(3), literal.end(3)));
            }
        }
        return withLines(text, merge(found));
    }

    /** True when {@code text} holds at least one secret. */
    public boolean containsSecret(String text) {
        return !scan(text).isEmpty();
    }

    /**
     * {@link #redact} with the default rules: the one call for text about to be stored (a scanner holds no state, so
     * every writer shares one).
     */
    public static String redacted(String text) {
        return SHARED.redact(text);
    }

    /** {@code text} with every secret replaced by {@code [REDACTED <kind>]}; null stays null. */
    public String redact(String text) {
        List<Finding> findings = scan(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            out.append(text, at, f.start()).append("[REDACTED ").append(f.kind()).append(']');
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static Finding finding(String text, String kind, int start, int end) {
        return new Finding(kind, start, end, 0);
    }

    /** Fills in line numbers in one pass over the text (findings are sorted by start). */
    private static List<Finding> withLines(String text, List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        int line = 1;
        int at = 0;
        for (Finding f : findings) {
            for (; at < f.start(); at++) {
                if (text.charAt(at) == '\n') {
                    line++;
                }
            }
            out.add(new Finding(f.kind(), f.start(), f.end(), line));
        }
        return out;
    }

    /** Sorted by start; a finding inside (or overlapping) an earlier one is folded into it. */
    private static List<Finding> merge(List<Finding> found) {
        found.sort(Comparator.comparingInt(Finding::start).thenComparingInt(f -> -f.end()));
        List<Finding> merged = new ArrayList<>();
        for (Finding f : found) {
            Finding last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && f.start() < last.end()) {
                if (f.end() > last.end()) {
                    merged.set(merged.size() - 1, new Finding(last.kind(), last.start(), f.end(), last.line()));
                }
            } else {
                merged.add(f);
            }
        }
        return merged;
    }

    /**
     * Example values in docs and tests, and names of environment variables ({@code "GITHUB_TOKEN"}): not
     * secrets, and flagging them would only add noise.
     */
    private static boolean isPlaceholder(String value) {
        if (value.matches("[A-Z_]+")) {
            return true;
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        return v.startsWith("${") || v.startsWith("<") || v.startsWith("$") || v.startsWith("{{")
                || v.contains("example") || v.contains("placeholder") || v.contains("changeme")
                || v.contains("redacted") || v.contains("your_") || v.contains("your-")
                || v.chars().distinct().count() <= 2;
    }

    /** An unquoted value that is a literal, not an expression such as {@code os.environ.get} or {@code self.x}. */
    private static boolean looksLiteral(String value) {
        boolean digit = value.chars().anyMatch(Character::isDigit);
        boolean letter = value.chars().anyMatch(Character::isLetter);
        boolean dottedName = value.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
        return digit && letter && !dottedName;
    }
}
