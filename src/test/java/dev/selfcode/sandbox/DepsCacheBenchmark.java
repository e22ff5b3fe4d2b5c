package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/**
 * On-demand benchmark (bench/deps-cache.sh; not matched by Surefire's default includes): what the dependency
 * phase costs on a cache hit. The same Node project and config evaluated by a sandbox with the phase (cache
 * warmed first) and by one without it, alternating, in one run. Goal: at most 0.3 s more per evaluation.
 */
class DepsCacheBenchmark {

    private static final int REPS = Integer.getInteger("bench.reps", 10);

    @TempDir
    Path repo;
    @TempDir
    Path cache;

    @Test
    void cacheHitCost() {
        DepsTestSupport.requireNetwork();
        try (LocalRegistry registry = new LocalRegistry()) {
            for (int i = 0; i < 20; i++) {
                registry.npmPackage("selfcode-dep" + i, "1.0.0", "module.exports = " + i + ";\n");
            }
            StringBuilder deps = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                deps.append(i == 0 ? "" : ", ").append("\"selfcode-dep").append(i).append("\": \"1.0.0\"");
            }
            write(repo, "package.json", "{\"name\": \"app\", \"version\": \"1.0.0\", \"devDependencies\": {" + deps
                    + "}}\n");
            write(repo, "test/dep.test.js", """
                    const test = require('node:test');
                    const assert = require('node:assert');
                    test('adds', () => assert.strictEqual(1 + 2, 3));
                    """);
            RepoConfig config = configOf(repo, """
                    image: selfcode/node:20
                    test: node --test --test-reporter=junit --test-reporter-destination=$SELFCODE_OUT/junit.xml
                    """);
            Sandbox with = DepsTestSupport.sandbox(cache, List.of(registry.npm()));
            Sandbox without = new Sandbox(SandboxTestSupport.settings(256, 64 * 1024), Optional.empty());
            Evaluation warm = with.evaluate(repo, config);
            assertThat(warm.status()).as(warm.cause() + warm.logTail()).isEqualTo(Status.OK);
            without.evaluate(repo, config);
            int served = registry.requests();

            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (int i = 0; i < REPS; i++) {
                a.add(timed(with, config));
                b.add(timed(without, config));
            }
            assertThat(registry.requests()).as("requests during the measured runs").isEqualTo(served);
            double ma = median(a);
            double mb = median(b);
            System.out.println("\n=== Deps cache hit (medians of " + REPS + " alternating runs; Node project with 20"
                    + " devDependencies) ===");
            System.out.println(String.format(Locale.ROOT, "evaluation with deps phase (cache hit): %.3f s (runs %s)",
                    ma, fmt(a)));
            System.out.println(String.format(Locale.ROOT, "evaluation without deps phase:          %.3f s (runs %s)",
                    mb, fmt(b)));
            System.out.println(String.format(Locale.ROOT, "difference %.3f s, ratio %.3f (goal: difference <= 0.3 s)"
                    + " %s", ma - mb, ma / mb, ma - mb <= 0.3 ? "OK" : "MISSED"));
        }
    }

    private double timed(Sandbox sandbox, RepoConfig config) {
        long start = System.nanoTime();
        Evaluation e = sandbox.evaluate(repo, config);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(e.status()).as(e.cause() + e.logTail()).isEqualTo(Status.OK);
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(List<Double> values) {
        return String.join(" ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }
}
