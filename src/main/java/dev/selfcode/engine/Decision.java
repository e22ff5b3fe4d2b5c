package dev.selfcode.engine;

import java.util.List;

/**
 * A keep/revert verdict with every row behind it, so a PR body, a comment or the CLI can show the table.
 *
 * @param verdict what to do
 * @param rows    one row per compared metric, in rule order
 * @param reasons one line per fired clause (or the outright rejection), empty when kept
 */
public record Decision(Verdict verdict, List<Row> rows, List<String> reasons) {

    /** Keep the change (open a PR), or throw it away. */
    public enum Verdict {
        KEEP, REVERT
    }

    /**
     * One metric compared with its clause.
     *
     * @param metric    roi, errors, complexity, predicted roi, predicted errors
     * @param base      the base branch's value
     * @param candidate the candidate's (or the predicted) value
     * @param delta     candidate minus base
     * @param rule      the clause, e.g. {@code delta < -0.5}
     * @param fired     true when this row demands a revert
     */
    public record Row(String metric, double base, double candidate, double delta, String rule, boolean fired) {
    }

    public boolean kept() {
        return verdict == Verdict.KEEP;
    }

    /** A candidate that produced no usable numbers (build failure, timeout, rejected code). */
    public static Decision rejected(String reason) {
        return new Decision(Verdict.REVERT, List.of(), List.of(reason));
    }
}
