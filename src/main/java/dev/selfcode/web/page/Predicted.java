package dev.selfcode.web.page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.selfcode.web.view.TrendView;

/**
 * One predicted point of the trend chart: what the predictor expected for a sample before it was taken (the band
 * along the newest samples), and the next one after the newest, placed one sample spacing later.
 *
 * @param sample the sample it was predicted for; empty for the next one
 * @param epoch  seconds since the epoch, the chart's x
 * @param when   the time as shown, or "next"
 */
public record Predicted(String metric, String sample, long epoch, String when, double value, Double lower,
        Double upper, String method) {

    /** A bound for a data attribute: empty when unbounded. */
    public String lowerRaw() {
        return lower == null ? "" : Double.toString(lower);
    }

    public String upperRaw() {
        return upper == null ? "" : Double.toString(upper);
    }

    static List<Predicted> of(TrendView t) {
        List<Predicted> out = new ArrayList<>();
        for (TrendView.Band b : t.band()) {
            String sample = String.valueOf(b.sampleId());
            add(out, "roi", sample, b.at().getEpochSecond(), Fmt.utc(b.at()), b.roi());
            add(out, "errors", sample, b.at().getEpochSecond(), Fmt.utc(b.at()), b.errors());
        }
        long next = next(t.samples());
        add(out, "roi", "", next, "next", t.nextRoi());
        add(out, "errors", "", next, "next", t.nextErrors());
        return out;
    }

    /** The newest sample's time plus the spacing of the last two (a day with one sample). */
    static long next(List<TrendView.Sample> samples) {
        if (samples.isEmpty()) {
            return Instant.EPOCH.getEpochSecond();
        }
        Instant last = samples.get(samples.size() - 1).at();
        long step = samples.size() < 2
                ? 86_400
                : Math.max(60, last.getEpochSecond() - samples.get(samples.size() - 2).at().getEpochSecond());
        return last.getEpochSecond() + step;
    }

    private static void add(List<Predicted> out, String metric, String sample, long epoch, String when,
            TrendView.Forecast f) {
        if (f != null) {
            out.add(new Predicted(metric, sample, epoch, when, f.value(), f.lower(), f.upper(),
                    f.method() + ", " + f.points() + " points, " + Math.round(f.level() * 100) + "%"));
        }
    }
}
