package dev.selfcode.doctor;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.Configuration;

import dev.selfcode.db.DatabaseAccess;

/**
 * The database: it answers, every migration is applied (none pending, none failed, none newer than this Selfcode),
 * and the user may write: a delivery row, the first thing a webhook stores, inserted and rolled back.
 */
final class CheckDatabase implements Check {

    static final String CONNECT_FIX = "start MariaDB, or set QUARKUS_DATASOURCE_JDBC_URL, _USERNAME and _PASSWORD to"
            + " one that runs";

    private final DatabaseAccess db;
    private final Configuration migrations;
    private final Duration timeout;

    CheckDatabase(DatabaseAccess db, Configuration migrations, Duration timeout) {
        this.db = db;
        this.migrations = migrations;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public CheckResult run() {
        if (db.url() == null || db.url().isBlank()) {
            return CheckResult.fail(name(), "no JDBC URL", CONNECT_FIX);
        }
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            String server = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            Schema schema = schema(server);
            if (schema.problem() != null) {
                return schema.problem();
            }
            try {
                write(c);
            } catch (SQLException e) {
                return CheckResult.fail(name(), "cannot write as " + db.user() + ": " + e.getMessage(),
                        "grant the database user INSERT, UPDATE and DELETE on the Selfcode schema");
            }
            return CheckResult.ok(name(), server + " at " + db.url() + ", schema " + schema.version() + ", writable");
        } catch (SQLException e) {
            return CheckResult.fail(name(), "cannot connect to " + db.url() + ": " + Cause.of(e),
                    CONNECT_FIX);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        // MariaDB Connector/J's own timeouts: a silent host must not hang the doctor
        p.setProperty("connectTimeout", String.valueOf(timeout.toMillis()));
        p.setProperty("socketTimeout", String.valueOf(Math.max(timeout.toMillis(), 10_000)));
        return DriverManager.getConnection(db.url(), p);
    }

    /** The applied version ("V9", "empty"), and what is wrong with the schema; null when nothing is. */
    private record Schema(String version, CheckResult problem) {
    }

    private Schema schema(String server) {
        MigrationInfoService info = Flyway.configure().configuration(migrations)
                .dataSource(db.url(), db.user(), db.password()).connectRetries(0).load().info();
        MigrationInfo current = info.current();
        String version = current == null || current.getVersion() == null ? "empty" : "V" + current.getVersion();
        CheckResult problem = problem(info, server, version);
        return new Schema(version, problem);
    }

    private CheckResult problem(MigrationInfoService info, String server, String version) {
        List<MigrationInfo> all = Arrays.asList(info.all());
        List<String> failed = names(all, MigrationState.FAILED);
        if (!failed.isEmpty()) {
            return CheckResult.fail(name(), "migration " + String.join(", ", failed) + " failed at " + db.url(),
                    "fix the cause in the log, restore the database or run flyway repair, then start selfcode serve");
        }
        List<String> future = names(all, MigrationState.FUTURE_SUCCESS);
        if (!future.isEmpty()) {
            return CheckResult.fail(name(), "the database has migrations this Selfcode does not know ("
                    + String.join(", ", future) + "): it was used by a newer version", "upgrade Selfcode");
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            return CheckResult.fail(name(), pending.length + " migration" + (pending.length == 1 ? "" : "s")
                    + " pending at " + db.url() + " (" + server + ", schema " + version + ")",
                    "start selfcode serve (or run any other selfcode command) once: migrations run at start");
        }
        return null;
    }

    private static List<String> names(List<MigrationInfo> all, MigrationState state) {
        return all.stream().filter(m -> m.getState() == state).map(m -> "V" + m.getVersion()).toList();
    }

    /** Inserts a delivery row and rolls it back: proves write permission and leaves nothing behind. */
    private static void write(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO delivery (delivery_id, event, received_at) VALUES (?, 'selfcode-doctor', NOW(3))")) {
            insert.setString(1, "doctor-" + UUID.randomUUID());
            insert.executeUpdate();
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
