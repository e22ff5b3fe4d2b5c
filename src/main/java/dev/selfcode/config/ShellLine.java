package dev.selfcode.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A shell line such as an npm script, split into simple commands and their words with the offsets of each in the
 * original text, so flags can be inserted without re-quoting anything. Only the plain part of the shell grammar is
 * understood (words, quotes, {@code && || ; | &}, redirections); a line with subshells, command substitution,
 * compound commands or here-documents is not understood at all ({@link #parse} is empty).
 */
final class ShellLine {

    /** One word as written ({@code start}, {@code end} into the line) and with its quotes removed ({@code text}). */
    record Word(int start, int end, String text) {
    }

    /**
     * A simple command: its words (redirections left out) and what follows it: {@code "|"} when it pipes into the
     * next command, another operator, or {@code ""} at the end of the line.
     */
    record Command(List<Word> words, int start, int end, String next) {
    }

    private static final Set<String> COMPOUND = Set.of("if", "then", "else", "elif", "fi", "for", "while", "until",
            "do", "done", "case", "esac", "function", "select", "{", "}", "!");

    final String text;
    final List<Command> commands;

    private ShellLine(String text, List<Command> commands) {
        this.text = text;
        this.commands = commands;
    }

    /** The line's commands, or empty when the line uses shell grammar this reader does not follow. */
    static Optional<ShellLine> parse(String text) {
        List<Command> commands = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        int commandStart = -1;
        int i = 0;
        int n = text.length();
        boolean redirectTarget = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i += 2; // a continued line
                continue;
            }
            String op = operator(text, i);
            if (op != null) {
                if (words.isEmpty() && !op.equals("\n")) {
                    return Optional.empty(); // "&& x" or "a | | b": not a line this reader follows
                }
                if (!words.isEmpty()) {
                    commands.add(new Command(List.copyOf(words), commandStart, words.get(words.size() - 1).end, op));
                    words.clear();
                }
                i += op.length();
                continue;
            }
            if (c == '(' || c == ')' || c == '`' || c == '#' || text.startsWith("<<", i) || text.startsWith("$(", i)) {
                return Optional.empty();
            }
            if (c == '>' || c == '<' || text.startsWith("&>", i)) {
                i += c == '&' ? 2 : 1;
                while (i < n && (text.charAt(i) == '>' || text.charAt(i) == '&' || text.charAt(i) == '|')) {
                    i++;
                }
                if (i < n && text.charAt(i) == '-' || (i < n && Character.isDigit(text.charAt(i))
                        && text.charAt(i - 1) == '&')) {
                    i++; // >&- or >&1: no target word follows
                    continue;
                }
                redirectTarget = true;
                continue;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            i = readWord(text, i, word);
            if (i < 0) {
                return Optional.empty(); // an unterminated quote
            }
            if (i < n && (text.charAt(i) == '>' || text.charAt(i) == '<') && word.toString().matches("\\d+")) {
                continue; // "2>": the number is the redirection's file descriptor
            }
            if (text.startsWith("$(", start) || word.indexOf("$(") >= 0 || word.indexOf("`") >= 0) {
                return Optional.empty();
            }
            if (redirectTarget) {
                redirectTarget = false;
                continue;
            }
            if (words.isEmpty()) {
                if (COMPOUND.contains(word.toString())) {
                    return Optional.empty();
                }
                commandStart = start;
            }
            words.add(new Word(start, i, word.toString()));
        }
        if (redirectTarget) {
            return Optional.empty();
        }
        if (!words.isEmpty()) {
            commands.add(new Command(List.copyOf(words), commandStart, words.get(words.size() - 1).end, ""));
        } else if (!commands.isEmpty() && !commands.get(commands.size() - 1).next().equals("\n")
                && !commands.get(commands.size() - 1).next().equals(";")) {
            return Optional.empty(); // ends in "&&", "|" or "&"
        }
        return commands.isEmpty() ? Optional.empty() : Optional.of(new ShellLine(text, List.copyOf(commands)));
    }

    /** Reads one word from {@code i}, unquoting into {@code out}; returns where it ends, or -1 when unterminated. */
    private static int readWord(String text, int i, StringBuilder out) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '>' || c == '<'
                    || c == '(' || c == ')') {
                return i;
            }
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    return -1;
                }
                out.append(text, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    out.append(text.charAt(i++));
                }
                if (i >= n) {
                    return -1;
                }
                i++;
            } else if (c == '\\' && i + 1 < n) {
                out.append(text.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }

    private static String operator(String text, int i) {
        for (String op : List.of("&&", "||", ";;", ";", "|", "&", "\n")) {
            if (text.startsWith(op, i) && !text.startsWith("&>", i)) {
                return op.equals(";;") ? null : op;
            }
        }
        return null;
    }
}
