package dev.selfcode.web.view;

/**
 * Patch attempts by outcome in a window (the last 7 days on the overview).
 *
 * @param kept       decision KEEP
 * @param reverted   decision REVERT because the numbers got worse
 * @param rejected   decision REVERT before any comparison: the generated code was refused, did not build or timed out
 * @param failed     decision FAILED: an outage or bad input, not the patch's doing
 * @param pending    still running
 * @param rolledBack kept patches whose merge a rollback reverted in the window
 */
public record WeekCounts(long kept, long reverted, long rejected, long failed, long pending, long rolledBack) {

    public static final WeekCounts ZERO = new WeekCounts(0, 0, 0, 0, 0, 0);

    public long total() {
        return kept + reverted + rejected + failed + pending;
    }

    WeekCounts plus(WeekCounts o) {
        return new WeekCounts(kept + o.kept, reverted + o.reverted, rejected + o.rejected, failed + o.failed,
                pending + o.pending, rolledBack + o.rolledBack);
    }
}
