package dev.selfcode.web.page;

import java.util.List;

import dev.selfcode.web.view.PatchDetail;

/**
 * One stage of a patch's run as a bar: its share of the whole run, in percent of the width (a CSS width, so the
 * bars read without JavaScript).
 */
public record StageBar(String stage, long millis, String percent) {

    static List<StageBar> of(List<PatchDetail.StageTiming> timings) {
        long total = timings.stream().mapToLong(PatchDetail.StageTiming::millis).sum();
        return timings.stream().map(t -> new StageBar(t.stage(), t.millis(),
                // A dot whatever the locale: it lands in a style attribute.
                String.format(java.util.Locale.ROOT, "%.1f", total == 0 ? 0.0 : 100.0 * t.millis() / total))).toList();
    }
}
