package dev.selfcode.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.OptionalInt;

import javax.sql.DataSource;

import org.mariadb.jdbc.MariaDbDataSource;

import dev.selfcode.db.DatabaseAccess;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code selfcode history} without starting Quarkus: one query, so a look at the history takes a JVM start and a
 * round trip instead of a full server boot (Hibernate, Flyway, ~13,000 classes). Anything it is not sure about
 * (help, a bad option, {@code --verbose}, tables not migrated yet) goes the usual way, through Quarkus.
 */
final class QuickHistory {

    private QuickHistory() {
    }

    /** Asked without an error, so that a new database does not log a "table doesn't exist" warning. */
    private static boolean migrated(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                                + " AND table_name IN ('patch_history', 'flyway_schema_history')")) {
            return rs.next() && rs.getInt(1) == 2;
        }
    }

    /** The exit code when it answered, empty when the full start-up must. */
    static OptionalInt run(String[] args, DatabaseAccess db) {
        if (args.length == 0 || !"history".equals(args[0])) {
            return OptionalInt.empty();
        }
        HistoryCommand history = new HistoryCommand();
        try {
            ParseResult parsed = new CommandLine(history).parseArgs(Arrays.copyOfRange(args, 1, args.length));
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || history.verbose
                    || history.limit < 1 || history.limit > 10_000) {
                return OptionalInt.empty();
            }
            MariaDbDataSource dataSource = new MariaDbDataSource(db.url());
            if (db.user() != null) {
                dataSource.setUser(db.user());
            }
            if (db.password() != null) {
                dataSource.setPassword(db.password());
            }
            history.dataSource = dataSource;
            if (!migrated(dataSource)) {
                return OptionalInt.empty(); // a new database: Quarkus creates the tables first
            }
            return OptionalInt.of(history.print(history.rows()));
        } catch (ParameterException | SQLException e) {
            return OptionalInt.empty(); // the full start-up reports it the usual way, or migrates first
        }
    }
}
