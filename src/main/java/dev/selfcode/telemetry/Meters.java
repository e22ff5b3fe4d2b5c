package dev.selfcode.telemetry;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Selfcode's application metrics, counted where things happen and exported on {@code /q/metrics}. Meters go to
 * Micrometer's global registry, which Quarkus connects to its Prometheus registry, so plain classes (the sandbox, the
 * job runner) count without being beans. Prometheus names are the dotted names below with underscores, plus
 * {@code _total} for counters and {@code _seconds} for timers. A leaf: it imports nothing of ours.
 */
public final class Meters {

    /** {@code selfcode_deliveries_total{result}}: webhook deliveries. */
    public static final String DELIVERIES = "selfcode.deliveries";
    /** {@code selfcode_jobs{state}}: jobs in the queue by state (from the database). */
    public static final String JOBS = "selfcode.jobs";
    /** {@code selfcode_job_duration_seconds{kind,outcome}}: one job run, claim to outcome. */
    public static final String JOB_DURATION = "selfcode.job.duration";
    /** {@code selfcode_sandbox_evaluation_seconds{status}}: one sandbox evaluation (dependencies included). */
    public static final String SANDBOX_EVALUATION = "selfcode.sandbox.evaluation";
    /** {@code selfcode_decisions_total{decision,reason}}: kept, reverted or rejected patches. */
    public static final String DECISIONS = "selfcode.decisions";
    /** {@code selfcode_llm_tokens_total{direction}}: tokens the LLM endpoint reported, in (prompt) and out. */
    public static final String LLM_TOKENS = "selfcode.llm.tokens";
    /** {@code selfcode_github_api_calls_total{method,status}}: REST calls to GitHub. */
    public static final String GITHUB_CALLS = "selfcode.github.api.calls";
    /** {@code selfcode_github_rate_limit_remaining}: the last X-RateLimit-Remaining GitHub sent. */
    public static final String GITHUB_REMAINING = "selfcode.github.rate.limit.remaining";

    private static final AtomicLong REMAINING = new AtomicLong(-1);
    /**
     * Histogram buckets of the two timers, so dashboards can ask for percentiles across instances
     * ({@code histogram_quantile} over {@code _bucket}): a dozen fixed ones from a second to an hour, not
     * Micrometer's ~70 default percentile buckets per series.
     */
    private static final Duration[] BUCKETS = Stream.of(1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600)
            .map(Duration::ofSeconds).toArray(Duration[]::new);

    private Meters() {
    }

    /** A webhook delivery: received (first time), duplicate (id seen before) or rejected (refused with 4xx). */
    public static void delivery(String result) {
        Metrics.counter(DELIVERIES, "result", result).increment();
    }

    /** A job run that ended: {@code outcome} succeeded, failed, retry or abandoned. */
    public static void job(String kind, String outcome, Duration took) {
        timer(JOB_DURATION, "kind", kind, "outcome", outcome).record(took);
    }

    /** Starts timing something; hand the sample to {@link #sandboxEvaluation}. */
    public static Timer.Sample start() {
        return Timer.start();
    }

    /** One sandbox evaluation finished with {@code status} (ok, failed, timeout, sandbox_error, ...). */
    public static void sandboxEvaluation(Timer.Sample started, String status) {
        started.stop(timer(SANDBOX_EVALUATION, "status", lower(status)));
    }

    /** A patch's fate: kept, reverted or rejected, with a short reason (the metrics that fired, a stage). */
    public static void decision(String decision, String reason) {
        Metrics.counter(DECISIONS, "decision", decision, "reason", lower(reason)).increment();
    }

    /** Tokens one LLM call used, as the endpoint reported them. */
    public static void llmTokens(long in, long out) {
        if (in > 0) {
            Metrics.counter(LLM_TOKENS, "direction", "in").increment(in);
        }
        if (out > 0) {
            Metrics.counter(LLM_TOKENS, "direction", "out").increment(out);
        }
    }

    /** One REST call to GitHub and the rate limit it reported (negative when it sent none). */
    public static void githubCall(String method, int status, long remaining) {
        Metrics.counter(GITHUB_CALLS, "method", method, "status", String.valueOf(status)).increment();
        if (remaining >= 0) {
            REMAINING.set(remaining);
            // Once per JVM: registering the same gauge again on every call only earns Micrometer's warning.
            if (Metrics.globalRegistry.find(GITHUB_REMAINING).gauge() == null) {
                Metrics.gauge(GITHUB_REMAINING, REMAINING);
            }
        }
    }

    private static Timer timer(String name, String... tags) {
        return Timer.builder(name).tags(tags).serviceLevelObjectives(BUCKETS).register(Metrics.globalRegistry);
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? "none" : s.toLowerCase(Locale.ROOT);
    }
}
