package dev.selfcode.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.WebhookFixtures;
import dev.selfcode.testing.WebhookPayload;

/**
 * Webhook acknowledgement benchmark (run by bench/webhook-ack.sh, loopback only, bounded in time): starts the
 * packaged server in the prod profile against a fake GitHub, sends signed issue_comment deliveries at a steady rate
 * (open loop: latency counts from the planned send time) and, interleaved in the same window, the same rate to the bare one-insert endpoint, and
 * prints p50/p99 of both, their ratio, and whether every delivery was persisted exactly once.
 */
public final class WebhookAckBench {

    static final String SECRET = "bench-webhook-secret";

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int warmup = Integer.getInteger("bench.warmup", 20);
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (FakeGitHub fake = FakeGitHub.start()) {
            fake.createRepo("octo/bench", Map.of("calc.py", "def add(a, b):\n    return a + b\n"));
            int issue = fake.createIssue("octo/bench", "Thoughts", "", "someone");
            // A plain comment, as most are: the ack path is the same for commands (listeners run after the 200).
            FakeComment comment = fake.addComment("octo/bench", issue, "Thanks, this looks good to me!", "someone");
            WebhookPayload payload = WebhookFixtures.payload("issue_comment", "created").forFake(fake, "octo/bench")
                    .set("/issue/number", issue).set("/issue/pull_request", null).set("/comment/id", comment.id())
                    .commentBody(comment.body()).sender("someone");
            byte[] body = payload.body().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = payload.headers(SECRET);
            try (ProdServer server = ProdServer.start(fake, SECRET, Map.of("SELFCODE_BENCH_ENABLED", "true",
                    "QUARKUS_LOG_LEVEL", "WARN"))) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                // Both endpoints in the same window, interleaved, so noise from the machine hits both alike.
                Target[] warm = {new Target(server.url() + "/", "warm-" + run + "-"),
                        new Target(server.url() + "/bench/insert", "warmb-" + run + "-")};
                phase(http, body, headers, warm, rate, warmup);
                Target[] measured = {new Target(server.url() + "/", "hook-" + run + "-"),
                        new Target(server.url() + "/bench/insert", "bare-" + run + "-")};
                phase(http, body, headers, measured, rate, seconds);
                Result hook = measured[0].result;
                Result bare = measured[1].result;
                long hookRows = TestDatabase.count("SELECT COUNT(*) FROM delivery WHERE delivery_id LIKE ?",
                        "hook-" + run + "-%");
                long hookDistinct = TestDatabase.count("SELECT COUNT(DISTINCT delivery_id) FROM delivery"
                        + " WHERE delivery_id LIKE ?", "hook-" + run + "-%");
                long bareRows = TestDatabase.count("SELECT COUNT(*) FROM delivery WHERE delivery_id LIKE ?",
                        "bare-" + run + "-%");
                System.out.println();
                System.out.println("webhook ack benchmark: " + rate + " req/s to each endpoint, interleaved, for "
                        + seconds + " s after " + warmup + " s of warm-up, loopback");
                System.out.println(hook.line("webhook POST /"));
                System.out.println(bare.line("bare    POST /bench/insert"));
                System.out.printf(Locale.ROOT, "ratio webhook/bare: p50 %.2fx, p99 %.2fx%n", hook.p(50) / bare.p(50),
                        hook.p(99) / bare.p(99));
                System.out.printf(Locale.ROOT, "persisted: webhook %d rows (%d distinct) for %d acknowledged;"
                        + " bare %d rows for %d acknowledged%n", hookRows, hookDistinct, hook.ok.get(), bareRows,
                        bare.ok.get());
                boolean exactlyOnce = hookRows == hook.ok.get() && hookDistinct == hookRows && bareRows == bare.ok.get();
                boolean target = hook.p(99) <= 25.0 && hook.p(99) <= 2 * bare.p(99) && hook.failed.get() == 0;
                System.out.println("exactly once: " + (exactlyOnce ? "yes" : "NO"));
                System.out.println("target (p99 <= 25 ms and <= 2x bare, no errors): " + (target ? "met" : "NOT met"));
                if (hook.failed.get() + bare.failed.get() > 0) {
                    String log = server.log();
                    System.out.println("server log (tail):\n" + log.substring(Math.max(0, log.length() - 6000)));
                }
            }
        }
    }

    /** Latencies in ms of one phase and its status counts. */
    static final class Result {

        final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

        double p(double percentile) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        String line(String name) {
            return String.format(Locale.ROOT, "%-28s n=%d ok=%d failed=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms"
                    + "  max %.2f ms%s", name, millis.size(), ok.get(), failed.get(), p(50), p(90), p(99), p(100),
                    errors.isEmpty() ? "" : "  first error: " + errors.peek());
        }
    }

    /** One endpoint under load and what it answered. */
    static final class Target {

        final String url;
        final String idPrefix;
        final Result result = new Result();

        Target(String url, String idPrefix) {
            this.url = url;
            this.idPrefix = idPrefix;
        }
    }

    /**
     * Sends {@code rate * seconds} requests to each target on a fixed schedule (targets interleaved within each
     * tick) and waits for all answers.
     */
    static void phase(HttpClient http, byte[] body, Map<String, String> headers, Target[] targets, int rate,
            int seconds) throws Exception {
        int total = rate * seconds;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        List<CompletableFuture<?>> pending = new ArrayList<>(total * targets.length);
        for (int i = 0; i < total; i++) {
            for (int t = 0; t < targets.length; t++) {
                Target target = targets[t];
                long planned = start + i * intervalNanos + t * intervalNanos / targets.length;
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = target.idPrefix + i;
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                headers.forEach((k, v) -> request.header(k, k.equals("X-GitHub-Delivery") ? id : v));
                Result result = target.result;
                pending.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            result.millis.add((System.nanoTime() - planned) / 1e6);
                            if (e == null && r.statusCode() == 200) {
                                result.ok.incrementAndGet();
                            } else {
                                result.failed.incrementAndGet();
                                result.errors.add(e != null ? e.toString() : "HTTP " + r.statusCode());
                            }
                        }));
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(seconds + 60L, TimeUnit.SECONDS);
    }
}
