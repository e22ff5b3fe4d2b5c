package dev.selfcode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selfcode history}: the recorded patch attempts, newest first. */
@Command(name = "history", description = "List recorded patch attempts, newest first.")
class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--repo", description = "only this local repository")
    Path repo;

    @Option(names = "--limit", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--verbose", description = "show server logs")
    boolean verbose;

    @Option(names = "--json", description = "print one JSON object instead of a table (fields: see README)")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Quarkus' pool in the full start-up; {@link QuickHistory} gives one that needs no Quarkus. */
    @Inject
    DataSource dataSource;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 10_000) {
            spec.commandLine().getErr().println("selfcode: --limit must be between 1 and 10000");
            return 2;
        }
        try {
            return print(rows());
        } catch (SQLException e) {
            spec.commandLine().getErr().println("selfcode: could not read the history: " + e.getMessage());
            return 1;
        }
    }

    /** The attempts asked for, newest first; plain JDBC so that it runs with or without Quarkus. */
    List<HistoryRow> rows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return HistoryRow.newest(c, repo == null ? null : CliRepos.name(repo), limit);
        }
    }

    int print(List<HistoryRow> rows) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(HistoryJson.of(repo == null ? null : CliRepos.name(repo), limit, rows));
            out.flush();
            return 0;
        }
        if (rows.isEmpty()) {
            out.println("no patches recorded" + (repo == null ? "" : " for " + repo.toAbsolutePath().normalize()));
            out.flush();
            return 0;
        }
        String fmt = "%5s  %-16s  %-8s  %8s  %8s  %-24s  %s%n";
        out.printf(Locale.ROOT, fmt, "id", "when", "decision", "roi Δ", "errors Δ", "file", "description");
        for (HistoryRow a : rows) {
            out.printf(Locale.ROOT, fmt, a.id(), WHEN.format(a.createdAt()), a.decision(), delta(a.roiDelta()),
                    delta(a.errorsDelta()), cut(a.filePath(), 24), cut(a.description(), 60)
                            + (a.failureStage() == null ? "" : "  [" + a.failureStage() + "]"));
        }
        out.flush();
        return 0;
    }

    private static String delta(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%+.3f", d);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
