package dev.selfcode.engine;

import java.util.Locale;

/** Renders a {@link Decision} as a plain-text table (CLI) or a Markdown table (GitHub). */
public final class DecisionTable {

    private DecisionTable() {
    }

    public static String text(Decision d) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-17s %12s %12s %10s  %-12s %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "metric", "base", "candidate", "delta", "threshold", "verdict"));
        for (Decision.Row r : d.rows()) {
            sb.append(String.format(Locale.ROOT, fmt, r.metric(), num(r.base()), num(r.candidate()),
                    signed(r.delta()), r.rule().replace("delta ", ""), r.fired() ? "REVERT" : "ok"));
        }
        return sb.toString();
    }

    public static String markdown(Decision d) {
        StringBuilder sb = new StringBuilder("| metric | base | candidate | delta | threshold | verdict |\n");
        sb.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        for (Decision.Row r : d.rows()) {
            sb.append("| ").append(r.metric()).append(" | ").append(num(r.base())).append(" | ")
                    .append(num(r.candidate())).append(" | ").append(signed(r.delta())).append(" | `")
                    .append(r.rule()).append("` | ").append(r.fired() ? "**revert**" : "ok").append(" |\n");
        }
        return sb.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }
}
