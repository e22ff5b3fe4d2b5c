package dev.selfcode.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** One line of {@code selfcode history}: the columns it shows of a {@code patch_history} row. */
record HistoryRow(long id, Instant createdAt, String repo, String decision, Double roiDelta, Double errorsDelta,
        String filePath,
        String description, String failureStage) {

    /** Newest first; all repositories when {@code repo} is null. */
    static List<HistoryRow> newest(Connection c, String repo, int limit) throws SQLException {
        String sql = "SELECT id, created_at, repo, decision, roi_delta, errors_delta, file_path, description, failure_stage"
                + " FROM patch_history" + (repo == null ? "" : " WHERE repo = ?") + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            if (repo != null) {
                q.setString(i++, repo);
            }
            q.setInt(i, limit);
            List<HistoryRow> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HistoryRow(rs.getLong(1),
                            // Hibernate stores an Instant as UTC wall time in the DATETIME column.
                            rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(3),
                            rs.getString(4), rs.getObject(5, Double.class), rs.getObject(6, Double.class),
                            rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return rows;
        }
    }
}
