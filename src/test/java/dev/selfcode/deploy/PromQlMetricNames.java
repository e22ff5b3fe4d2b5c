package dev.selfcode.deploy;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found by a small tokenizer: strings, label matchers
 * ({@code {...}}, except a {@code __name__="x"} matcher, which names a metric), ranges and durations
 * ({@code [...]}), numbers, Grafana's {@code $} variables, keywords, aggregations and label lists
 * ({@code by (...)}) are skipped; an identifier followed by {@code (} must be a known function, and every other
 * identifier is a metric name. Not a parser: it only has to be right for the names, and it fails loudly on what it
 * does not understand (an unknown function, an unclosed string, an unbalanced bracket) rather than guessing.
 */
public final class PromQlMetricNames {

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    /** Keywords whose parenthesised list that follows holds label names, not expressions. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("bool", "offset", "and", "or", "unless", "atan2", "inf",
            "nan", "start", "end");
    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "acos", "acosh",
            "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min",
            "cos", "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg",
            "delta", "deriv", "end", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction",
            "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour",
            "idelta", "increase", "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2",
            "mad_over_time", "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear",
            "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin",
            "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc", "sqrt", "start", "stddev_over_time",
            "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year");

    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([^\"]+)\"");

    private final String expr;
    private int at;
    private int depth;

    private PromQlMetricNames(String expr) {
        this.expr = expr;
    }

    /** The metric names {@code expr} selects, in order of appearance. */
    public static Set<String> of(String expr) {
        return new PromQlMetricNames(expr).scan();
    }

    private Set<String> scan() {
        Set<String> names = new LinkedHashSet<>();
        while (at < expr.length()) {
            char c = expr.charAt(at);
            if (c == '"' || c == '\'' || c == '`') {
                at = afterString(at);
            } else if (c == '#') {
                while (at < expr.length() && expr.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '{') {
                matchers(names);
            } else if (c == '[') {
                skipTo(']');
            } else if (c == '$') {
                variable();
            } else if (Character.isDigit(c) || (c == '.' && at + 1 < expr.length()
                    && Character.isDigit(expr.charAt(at + 1)))) {
                while (at < expr.length() && (Character.isLetterOrDigit(expr.charAt(at)) || expr.charAt(at) == '.'
                        || expr.charAt(at) == '_')) {
                    at++; // a number or a duration (5m, 1h30m, 1e3, 0x1f)
                }
            } else if (identifierStart(c)) {
                identifier(names);
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth < 0) {
                    throw new IllegalArgumentException("unbalanced ) in: " + expr);
                }
                at++; // an operator, a comma, a parenthesis, white space
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced ( in: " + expr);
        }
        return names;
    }

    private void identifier(Set<String> names) {
        String word = word();
        String lower = word.toLowerCase(Locale.ROOT);
        int next = nextNonSpace();
        if (LABEL_LISTS.contains(lower)) {
            if (next < expr.length() && expr.charAt(next) == '(') {
                at = next;
                skipTo(')');
            }
        } else if (AGGREGATIONS.contains(lower) || KEYWORDS.contains(lower)) {
            // an aggregation's own parenthesis is scanned as an expression
        } else if (next < expr.length() && expr.charAt(next) == '(') {
            if (!FUNCTIONS.contains(word)) {
                throw new IllegalArgumentException("unknown PromQL function " + word + " in: " + expr);
            }
        } else {
            names.add(word);
        }
    }

    /** A selector's {@code {...}}: label names and values are no metrics, but {@code __name__="x"} is one. */
    private void matchers(Set<String> names) {
        int close = closing('}');
        String body = expr.substring(at + 1, close);
        Matcher m = NAME_MATCHER.matcher(body);
        while (m.find()) {
            names.add(m.group(1));
        }
        at = close + 1;
    }

    private void skipTo(char close) {
        at = closing(close) + 1;
    }

    /** The index of the {@code close} that ends the bracket at {@link #at}, strings skipped. */
    private int closing(char close) {
        char open = expr.charAt(at);
        int depth = 0;
        int i = at;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unclosed " + open + " in: " + expr);
    }

    /** The index after the string that starts at {@code start}. */
    private int afterString(int start) {
        char quote = expr.charAt(start);
        int i = start + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        if (i >= expr.length()) {
            throw new IllegalArgumentException("unclosed string in: " + expr);
        }
        return i + 1;
    }

    /** Grafana's {@code $__rate_interval}, {@code $var} or {@code ${var}}: replaced before Prometheus sees it. */
    private void variable() {
        at++;
        if (at < expr.length() && expr.charAt(at) == '{') {
            skipTo('}');
        } else {
            word();
        }
    }

    private String word() {
        int start = at;
        while (at < expr.length() && (identifierStart(expr.charAt(at)) || Character.isDigit(expr.charAt(at)))) {
            at++;
        }
        return expr.substring(start, at);
    }

    private int nextNonSpace() {
        int i = at;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }
}
