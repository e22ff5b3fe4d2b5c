package dev.selfcode.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much worse a metric may get before a change is reverted: a finite number >= 0. Every source (the CLI's
 * {@code --threshold}, the comment command, the repo config, the server default) resolves to this type once,
 * with this one validation.
 */
public record Threshold(double value) {

    /** What every source says when a threshold is refused. */
    public static final String RULE = "must be a number >= 0";

    public Threshold {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("threshold " + RULE + ": " + value);
        }
    }

    @JsonCreator
    public static Threshold of(double value) {
        return new Threshold(value);
    }

    /** Parses user text such as {@code 0.5}; also the converter of the server setting. */
    public static Threshold valueOf(String text) {
        try {
            return of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold " + RULE + ": '" + text + "'", e);
        }
    }

    /** Whether a metric that should not drop dropped by more than this. */
    public boolean exceededByDrop(double delta) {
        return delta < -value;
    }

    /** Whether a metric that should not rise rose by more than this. */
    public boolean exceededByRise(double delta) {
        return delta > value;
    }

    @JsonValue
    @Override
    public double value() {
        return value;
    }

    /** As templates and commit messages have always shown it ({@code 0.5}, {@code 1.0}). */
    @Override
    public String toString() {
        return Double.toString(value);
    }
}
