package dev.selfcode.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.engine.Decision;
import dev.selfcode.metrics.TrendPredictor;

/**
 * The benchmark's data: {@code patch_history} rows spread over 90 days and {@code bench-org/repo-NN} repositories
 * (installed, as a GitHub App's are), 200 metric samples per repository with per-module errors, and a few jobs, all
 * written with multi-row inserts (a 100,000-row fill takes seconds, not minutes). Rows look like the engine's: real
 * decision rows as JSON, reasons, a diff, tokens and stage timings. A database that already holds exactly this set is
 * reused.
 */
final class DashboardData {

    static final int ROWS = 100_000;
    static final int REPOS = 50;
    static final int SAMPLES_PER_REPO = 200;
    static final int JOBS = 2_000;
    static final String OWNER = "bench-org";
    static final long INSTALLATION = 911_000L;
    /** Rows per INSERT statement: 1,000 rows of 30 columns stay under the protocol's 65,535 placeholders. */
    static final int BATCH = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the database holds for the benchmark: its repositories and the range of its patch ids. */
    record Filled(List<String> repos, long firstId, long lastId, int rows, int samples, Duration took, boolean reused) {

        long someId(Random random) {
            return firstId + (long) (random.nextDouble() * (lastId - firstId + 1));
        }

        String line() {
            return String.format(Locale.ROOT, "data: %,d patch rows (ids %d..%d) over %d repositories, %,d metric"
                    + " samples; %s", rows, firstId, lastId, repos.size(), samples,
                    reused ? "already there, reused" : "filled in " + took.toMillis() / 1000.0 + " s");
        }
    }

    private final String jdbc;
    private final int rows;
    private final int repos;

    DashboardData(String jdbc, int rows, int repos) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.repos = repos;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbc, System.getenv().getOrDefault("SELFCODE_TEST_DB_USER", "selfcode"),
                System.getenv().getOrDefault("SELFCODE_TEST_DB_PASSWORD", "selfcode"));
    }

    List<String> repoNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < repos; i++) {
            names.add(String.format(Locale.ROOT, "%s/repo-%02d", OWNER, i));
        }
        return names;
    }

    Filled fill(boolean refill) throws Exception {
        try (Connection c = connect()) {
            requireTables(c);
            long[] have = idRange(c);
            if (!refill && have[2] == rows && distinctRepos(c) == repos) {
                return new Filled(repoNames(), have[0], have[1], rows, count(c, "SELECT COUNT(*) FROM metric_sample"
                        + " WHERE repo LIKE '" + OWNER + "/%'"), Duration.ZERO, true);
            }
            long start = System.nanoTime();
            clear(c);
            c.setAutoCommit(false);
            installRepos(c);
            int samples = insertSamples(c);
            insertPatches(c);
            insertJobs(c);
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // Fresh statistics, as a long-lived database has them: the optimizer plans from these.
                s.execute("ANALYZE TABLE patch_history, metric_sample, module_error, job, installed_repo");
            }
            long[] now = idRange(c);
            return new Filled(repoNames(), now[0], now[1], (int) now[2], samples,
                    Duration.ofNanos(System.nanoTime() - start), false);
        }
    }

    private static void requireTables(Connection c) throws SQLException {
        if (count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name = 'patch_history'") == 0) {
            throw new IllegalStateException("no patch_history table in " + c.getCatalog()
                    + ": start the server on this database once (it migrates at start), then run the benchmark");
        }
    }

    private static long[] idRange(Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0),"
                + " COUNT(*) FROM patch_history WHERE repo LIKE '" + OWNER + "/%'")) {
            r.next();
            return new long[]{r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    private static int distinctRepos(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(DISTINCT repo) FROM patch_history WHERE repo LIKE '" + OWNER + "/%'");
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void clear(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            String mine = " WHERE repo LIKE '" + OWNER + "/%'";
            s.executeUpdate("DELETE FROM patch_try WHERE patch_id IN (SELECT id FROM patch_history" + mine + ")");
            s.executeUpdate("DELETE FROM patch_history" + mine);
            s.executeUpdate("DELETE FROM module_error" + mine);
            s.executeUpdate("DELETE FROM metric_sample" + mine);
            s.executeUpdate("DELETE FROM job" + mine);
            s.executeUpdate("DELETE FROM installed_repo" + mine);
        }
    }

    private void installRepos(Connection c) throws SQLException {
        Rows r = new Rows(c, "installed_repo", "installation_id, repo, active, updated_at");
        for (String repo : repoNames()) {
            r.add(INSTALLATION, repo, true, Timestamp.from(Instant.now()));
        }
        r.flush();
    }

    /** Samples oldest first per repository, a slowly rising roi and falling errors with noise; modules with errors. */
    private int insertSamples(Connection c) throws SQLException {
        Random random = new Random(7);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Rows samples = new Rows(c, "metric_sample", "repo, sha, roi, errors, complexity, tests_passed, tests_failed,"
                + " lint_findings, coverage, cpu_seconds, peak_memory, wall_seconds, sampled_at");
        for (String repo : repoNames()) {
            for (int i = 0; i < SAMPLES_PER_REPO; i++) {
                double errors = Math.max(0, 12 - i * 0.05 + random.nextGaussian() * 1.5);
                samples.add(repo, sha(repo, i), 60 + i * 0.1 + random.nextGaussian(), Math.round(errors), 1.0,
                        100 + i / 4, (int) Math.round(errors) / 2, (int) Math.round(errors) - (int) Math.round(errors) / 2,
                        70 + random.nextDouble() * 10, 4 + random.nextDouble(), 200_000_000L, 6 + random.nextDouble(),
                        Timestamp.from(now.minus(Duration.ofHours(11L * (SAMPLES_PER_REPO - i)))));
            }
        }
        samples.flush();
        // Two modules with errors per sample, linked by the ids just written.
        Rows modules = new Rows(c, "module_error", "repo, sample_id, file, function_name, lint_findings,"
                + " test_failures");
        try (ResultSet r = c.createStatement().executeQuery("SELECT id, repo FROM metric_sample WHERE repo LIKE '"
                + OWNER + "/%'")) {
            while (r.next()) {
                int m = random.nextInt(8);
                modules.add(r.getString(2), r.getLong(1), "src/module_" + m + ".py", "func_" + m, random.nextInt(3),
                        random.nextInt(2));
                modules.add(r.getString(2), r.getLong(1), "src/util.py", null, 1, 0);
            }
        }
        modules.flush();
        return repos * SAMPLES_PER_REPO;
    }

    private void insertPatches(Connection c) throws Exception {
        Random random = new Random(11);
        List<String> names = repoNames();
        String[] triggers = {"comment", "label", "sweep", "cli"};
        Instant now = Instant.now();
        long span = Duration.ofDays(90).toMillis();
        // Oldest first, as a real table fills: ids rise with created_at.
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            offsets.add((long) (random.nextDouble() * span));
        }
        offsets.sort(Collections.reverseOrder());
        Rows r = new Rows(c, "patch_history", "job_id, repo, file_path, description, trigger_source, base_sha, head_sha,"
                + " branch, roi_before, roi_after, roi_delta, errors_before, errors_after, errors_delta,"
                + " complexity_before, complexity_after, complexity_delta, predicted_roi, predicted_errors,"
                + " threshold_value, decision, failure_stage, reasons, decision_table, diff, pr_number, pr_outcome,"
                + " generator, model, prompt_tokens, completion_tokens, timings, created_at");
        for (int i = 0; i < rows; i++) {
            String repo = names.get(random.nextInt(names.size()));
            double roll = random.nextDouble();
            String decision = roll < 0.3 ? "KEEP" : roll < 0.8 ? "REVERT" : "FAILED";
            boolean measured = !"FAILED".equals(decision) && random.nextDouble() < 0.8;
            double roiBefore = 60 + random.nextGaussian();
            double roiAfter = roiBefore
                    + ("KEEP".equals(decision) ? Math.abs(random.nextGaussian()) : -random.nextDouble() * 2);
            double errBefore = random.nextInt(12);
            double errAfter = errBefore + ("KEEP".equals(decision) ? -random.nextInt(2) : random.nextInt(3));
            String file = "src/module_" + random.nextInt(8) + ".py";
            String fn = "helper_" + i;
            String description = "add " + fn + " to " + file + " (request " + i + ")";
            String diff = "--- a/" + file + "\n+++ b/" + file + "\n@@ -40,3 +40,9 @@\n     return value\n \n \n+def "
                    + fn + "(text):\n+    \"\"\"Normalises text for the benchmark.\"\"\"\n+    cleaned = text.strip()\n"
                    + "+    return cleaned.lower()\n+\n+\n";
            Integer pr = "KEEP".equals(decision) ? 1 + i : null;
            String outcome = pr == null ? null : new String[]{"merged", "closed", null, "reverted"}[random.nextInt(4)];
            r.add(null, repo, file, description, triggers[random.nextInt(triggers.length)], sha(repo, 1000 + i),
                    "KEEP".equals(decision) ? sha(repo, 500_000 + i) : null, "selfcode/" + i + "-" + fn,
                    measured ? roiBefore : null, measured ? roiAfter : null, measured ? roiAfter - roiBefore : null,
                    measured ? errBefore : null, measured ? errAfter : null, measured ? errAfter - errBefore : null,
                    measured ? 1.0 : null, measured ? 1.0 + random.nextDouble() * 0.2 : null,
                    measured ? random.nextDouble() * 0.2 : null, measured ? roiAfter + 0.1 : null,
                    measured ? errAfter : null, 0.5, measured ? decision : "FAILED".equals(decision) ? "FAILED" : "REVERT",
                    measured ? null : "FAILED".equals(decision) ? "evaluate" : "guard",
                    measured
                            ? ("KEEP".equals(decision) ? null : "roi delta below -0.5")
                            : "REJECTED: the helper redefines " + fn + "\n\nlast lines of the log",
                    measured ? rowsJson(roiBefore, roiAfter, errBefore, errAfter, !"KEEP".equals(decision)) : null,
                    diff, pr, outcome, "llm", "gpt-bench", 3000 + random.nextInt(1000), 50 + random.nextInt(200),
                    "checkout=120ms context=300ms generate=2100ms guard=400ms apply=5ms evaluate=9000ms predict=3ms"
                            + " decide=1ms record=12ms",
                    Timestamp.from(now.minusMillis(offsets.get(i))));
        }
        r.flush();
    }

    private static String rowsJson(double roiBefore, double roiAfter, double errBefore, double errAfter,
            boolean revert) throws Exception {
        List<Decision.Row> rows = List.of(
                new Decision.Row("roi", roiBefore, roiAfter, roiAfter - roiBefore, Decision.Direction.HIGHER_IS_BETTER,
                        0.5, revert && roiAfter - roiBefore < -0.5),
                new Decision.Row("errors", errBefore, errAfter, errAfter - errBefore,
                        Decision.Direction.LOWER_IS_BETTER, 0.5, errAfter - errBefore > 0.5),
                new Decision.Row("complexity", 1.0, 1.05, 0.05, Decision.Direction.LOWER_IS_BETTER, 0.5, false),
                new Decision.Row("predicted roi", roiBefore, roiAfter + 0.1, roiAfter + 0.1 - roiBefore,
                        Decision.Direction.HIGHER_IS_BETTER, 0.5, false,
                        new TrendPredictor.Forecast(roiAfter + 0.1, new TrendPredictor.Interval(roiAfter - 2,
                                roiAfter + 2, 0.95), 0.1, TrendPredictor.Method.HOLT, 21, 1)));
        return JSON.writeValueAsString(rows);
    }

    private void insertJobs(Connection c) throws SQLException {
        Random random = new Random(13);
        List<String> names = repoNames();
        // Finished jobs only: a worker on the benchmark's server must find nothing to claim.
        String[] states = {"SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "CANCELLED"};
        Instant now = Instant.now();
        Rows r = new Rows(c, "job", "source_key, kind, repo, installation_id, issue_number, payload, status, attempts,"
                + " run_after, last_error, created_at, updated_at");
        for (int i = 0; i < JOBS; i++) {
            Timestamp at = Timestamp.from(now.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60))));
            String status = states[random.nextInt(states.length)];
            r.add("bench-" + i, "patch", names.get(random.nextInt(names.size())), INSTALLATION, 1 + random.nextInt(500),
                    "{}", status, 1, at, "FAILED".equals(status) ? "sandbox timed out" : null, at, at);
        }
        r.flush();
    }

    private static String sha(String repo, int n) {
        return String.format(Locale.ROOT, "%08x%032x", repo.hashCode(), n);
    }

    /** Rows for one table, sent {@value #BATCH} at a time as one multi-row INSERT. */
    static final class Rows {

        private final Connection c;
        private final String table;
        private final String columns;
        private final int width;
        private final List<Object[]> pending = new ArrayList<>();

        Rows(Connection c, String table, String columns) {
            this.c = c;
            this.table = table;
            this.columns = columns;
            this.width = columns.split(",").length;
        }

        void add(Object... values) throws SQLException {
            if (values.length != width) {
                throw new IllegalArgumentException(table + ": " + values.length + " values for " + width + " columns");
            }
            pending.add(values);
            if (pending.size() == BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            String one = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
            String sql = "INSERT INTO " + table + " (" + columns + ") VALUES "
                    + String.join(", ", Collections.nCopies(pending.size(), one));
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                for (Object[] row : pending) {
                    for (Object v : row) {
                        s.setObject(i++, v);
                    }
                }
                s.executeUpdate();
            }
            pending.clear();
        }
    }
}
