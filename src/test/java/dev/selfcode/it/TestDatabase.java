package dev.selfcode.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC counts against the test database, for tests that run the server as a separate process. */
final class TestDatabase {

    private TestDatabase() {
    }

    static long count(String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                System.getenv().getOrDefault("SELFCODE_TEST_DB_URL", "jdbc:mariadb://127.0.0.1:3306/selfcode_test"),
                System.getenv().getOrDefault("SELFCODE_TEST_DB_USER", "selfcode"),
                System.getenv().getOrDefault("SELFCODE_TEST_DB_PASSWORD", "selfcode"));
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
