package dev.selfcode.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.selfcode.testing.FakeGitHub;

/**
 * Dashboard and API benchmark of issue 11 (run by {@code bench/dashboard.sh}, loopback only, bounded): fills the
 * server's database with {@value DashboardData#ROWS} patch rows over {@value DashboardData#REPOS} repositories plus
 * metric samples ({@link DashboardData}), then asks a running server for each URL in turn, one request at a time with
 * the admin token, and prints p50/p90/p99 of each beside a baseline measured in the same rounds (default
 * {@code /q/health/live}) and the ratio. Without {@code bench.server} it starts the packaged jar on that database
 * itself (prod profile, fake GitHub, a random admin token).
 *
 * <p>
 * Paths may hold {@code {repo}} (or {@code {owner}/{name}}), replaced by a benchmark repository that changes every
 * round, and {@code {id}}, replaced by one of their patch ids.
 */
public final class DashboardBench {

    static final List<String> DEFAULT_PATHS = List.of("/", "/repos/{repo}", "/api/patches?limit=50");

    public static void main(String[] args) throws Exception {
        String jdbc = System.getProperty("bench.db", System.getenv().getOrDefault("SELFCODE_TEST_DB_URL",
                "jdbc:mariadb://127.0.0.1:3306/selfcode_test"));
        int rows = Integer.getInteger("bench.rows", DashboardData.ROWS);
        int repos = Integer.getInteger("bench.repos", DashboardData.REPOS);
        int requests = Integer.getInteger("bench.requests", 200);
        int warmup = Integer.getInteger("bench.warmup", 30);
        String baseline = System.getProperty("bench.baseline", "/q/health/live");
        String server = System.getProperty("bench.server", "").strip();
        List<String> paths = args.length == 0 ? DEFAULT_PATHS : List.of(args);

        DashboardData data = new DashboardData(jdbc, rows, repos);
        if (!server.isEmpty()) {
            DashboardData.Filled filled = data.fill(Boolean.getBoolean("bench.refill"));
            System.out.println(filled.line());
            String token = System.getProperty("bench.token", System.getenv().getOrDefault("SELFCODE_ADMIN_TOKEN", ""));
            boolean ok = run(server, token, baseline, paths, warmup, requests, filled, "running server " + server);
            System.exit(ok ? 0 : 1);
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        boolean ok;
        // Started first: it migrates the database the rows go into.
        try (FakeGitHub fake = FakeGitHub.start();
                ProdServer started = ProdServer.start(fake, "bench-webhook-secret", Map.of("SELFCODE_ADMIN_TOKEN", token,
                        "QUARKUS_LOG_LEVEL", "WARN", "QUARKUS_DATASOURCE_JDBC_URL", jdbc))) {
            DashboardData.Filled filled = data.fill(Boolean.getBoolean("bench.refill"));
            System.out.println(filled.line());
            ok = run(started.url(), token, baseline, paths, warmup, requests, filled,
                    "packaged jar started here (prod profile)");
            if (!ok) {
                String log = started.log();
                System.out.println("server log (tail):\n" + log.substring(Math.max(0, log.length() - 4000)));
            }
        }
        System.exit(ok ? 0 : 1);
    }

    /** Warm-up rounds, then measured rounds; each round asks the baseline and every path once. */
    static boolean run(String server, String token, String baseline, List<String> paths, int warmup, int requests,
            DashboardData.Filled filled, String what) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Latencies> targets = new ArrayList<>();
        targets.add(new Latencies(baseline));
        paths.forEach(p -> targets.add(new Latencies(p)));
        Random random = new Random(11);
        for (int round = 0; round < warmup + requests; round++) {
            String repo = filled.repos().get(round % filled.repos().size());
            long id = filled.someId(random);
            for (Latencies t : targets) {
                String path = t.path.replace("{owner}/{name}", repo).replace("{repo}", repo).replace("{id}",
                        Long.toString(id));
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                        .timeout(Duration.ofSeconds(30)).GET();
                if (!token.isEmpty()) {
                    request.header("Authorization", "Bearer " + token);
                }
                long start = System.nanoTime();
                String failure;
                try {
                    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    failure = r.statusCode() / 100 == 2
                            ? null
                            : "HTTP " + r.statusCode() + " for " + path + ": " + new String(r.body(),
                                    java.nio.charset.StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
                } catch (java.io.IOException e) {
                    failure = e + " for " + path;
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (round >= warmup) {
                    t.add(ms, failure);
                }
            }
        }
        Latencies base = targets.get(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "dashboard benchmark: %s, %d rounds after %d of warm-up, one request at a time"
                + " (time from sending to the last byte of the body, loopback, keep-alive)%n", what, requests, warmup);
        boolean ok = true;
        for (Latencies t : targets) {
            System.out.println(t.line(t == base ? null : base));
            ok &= t.failed == 0;
        }
        System.out.println(ok ? "all answered 2xx" : "SOME REQUESTS FAILED (first error shown per URL)");
        return ok;
    }

    /** The measured times of one path and its failures. */
    static final class Latencies {

        final String path;
        final List<Double> millis = new ArrayList<>();
        int failed;
        String firstError;

        Latencies(String path) {
            this.path = path;
        }

        void add(double ms, String failure) {
            millis.add(ms);
            if (failure != null) {
                failed++;
                firstError = firstError == null ? failure : firstError;
            }
        }

        double p(double percentile) {
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(null);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        String line(Latencies base) {
            String ratio = base == null
                    ? "  (baseline)"
                    : String.format(Locale.ROOT, "  p50 %.1fx, p99 %.1fx the baseline", p(50) / base.p(50),
                            p(99) / base.p(99));
            return String.format(Locale.ROOT, "%-32s n=%d failed=%d  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms"
                    + "  max %7.2f ms%s%s", path, millis.size(), failed, p(50), p(90), p(99), p(100), ratio,
                    firstError == null ? "" : "\n    first error: " + firstError);
        }
    }
}
