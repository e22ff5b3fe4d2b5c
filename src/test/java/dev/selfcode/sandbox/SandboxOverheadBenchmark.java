package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.PYTHON;
import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/**
 * On-demand benchmark (bench/sandbox-overhead.sh; not matched by Surefire's default includes): the same pytest
 * command run directly on the host and through {@link Sandbox#evaluate}, for a suite of several seconds
 * (sleep-based and CPU-bound) and for a trivial one (the fixed cost per run). The host side uses Debian's
 * /usr/bin/python3 with python3-pytest, the same Python 3.11.2 and pytest 7.2.1 the image has.
 */
class SandboxOverheadBenchmark {

    private static final String HOST_PYTHON = System.getProperty("bench.python", "/usr/bin/python3");
    private static final int REPS = Integer.getInteger("bench.reps", 3);
    private static final int TRIVIAL_REPS = Integer.getInteger("bench.trivialReps", 10);
    private static final String PYTEST = "python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml";

    @TempDir
    Path tmp;

    @Test
    void overhead() throws Exception {
        SandboxTestSupport.requireImages(PYTHON);
        Sandbox sandbox = SandboxTestSupport.sandbox();

        Path sleepy = suite("sleepy", 5, "time.sleep(1.0)");
        // CPU-bound by CPU time, not loop count, so the suite lasts >= 5 s however loaded the machine is.
        Path busy = suite("busy", 5, "burn(1.0)");
        Path trivial = suite("trivial", 1, "pass");

        List<String> lines = new ArrayList<>();
        lines.add(compare("sleep-based suite (5 x 1 s)", sandbox, sleepy, REPS));
        lines.add(compare("CPU-bound suite (5 x 1 CPU-second)", sandbox, busy, REPS));
        Result t = measure(sandbox, trivial, TRIVIAL_REPS);
        lines.add(String.format(Locale.ROOT, "trivial suite (1 test): host %.3f s, sandbox %.3f s -> fixed overhead"
                + " per sandbox run %.3f s (target <= 0.5 s) %s", t.host, t.sandbox, t.sandbox - t.host,
                t.sandbox - t.host <= 0.5 ? "OK" : "MISSED"));
        double exec = median(repeat(TRIVIAL_REPS, () -> timed(() -> sandbox.exec(PYTHON, trivial, "true",
                new RepoConfig.Limits(1, 256L << 20, java.time.Duration.ofSeconds(30))))));
        lines.add(String.format(Locale.ROOT, "empty container run (exec 'true'): %.3f s", exec));
        System.out.println(
                "\n=== Sandbox overhead (medians; %d reps, %d for the trivial suite) ===".formatted(REPS, TRIVIAL_REPS));
        lines.forEach(System.out::println);
    }

    private String compare(String name, Sandbox sandbox, Path repo, int reps) throws Exception {
        Result r = measure(sandbox, repo, reps);
        double ratio = r.sandbox / r.host;
        return String.format(Locale.ROOT, "%s: host %.3f s, sandbox %.3f s, ratio %.3f (target <= 1.15) %s", name,
                r.host, r.sandbox, ratio, ratio <= 1.15 ? "OK" : "MISSED");
    }

    private record Result(double host, double sandbox) {
    }

    private Result measure(Sandbox sandbox, Path repo, int reps) throws Exception {
        RepoConfig config = configOf(repo, "test: " + PYTEST + "\nlimits: { cpus: 1, memory: 512m, timeout: 5m }\n");
        host(repo); // warm-up: page cache, bytecode of pytest itself
        check(sandbox.evaluate(repo, config));
        List<Double> host = new ArrayList<>();
        List<Double> boxed = new ArrayList<>();
        for (int i = 0; i < reps; i++) { // interleaved, so that load from elsewhere hits both sides alike
            host.add(host(repo));
            boxed.add(timed(() -> check(sandbox.evaluate(repo, config))));
        }
        return new Result(median(host), median(boxed));
    }

    private static Evaluation check(Evaluation e) {
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e.failed() + e.errored()).as(e.logTail()).isZero();
        return e;
    }

    /** The same command on the host, in a copy of the repository, with an empty environment but PATH. */
    private double host(Path repo) throws Exception {
        Path out = Files.createTempDirectory(tmp, "host-out");
        ProcessBuilder pb = new ProcessBuilder(HOST_PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                "--junitxml=" + out.resolve("junit.xml")).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("host.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString(), "LANG", "C.UTF-8",
                "PYTHONDONTWRITEBYTECODE", "1"));
        long started = System.nanoTime();
        int exit = pb.start().waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(exit).as(Files.readString(tmp.resolve("host.log"))).isZero();
        return seconds;
    }

    private Path suite(String name, int tests, String body) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        StringBuilder src = new StringBuilder("""
                import time


                def burn(seconds):
                    end = time.process_time() + seconds
                    x = 0
                    while time.process_time() < end:
                        for i in range(10000):
                            x += i * i
                    return x
                """);
        for (int i = 0; i < tests; i++) {
            src.append("\n\ndef test_").append(i).append("():\n    ").append(body).append("\n");
        }
        write(repo, "test_" + name + ".py", src.toString());
        return repo;
    }

    private interface Timed {

        Object run() throws Exception;
    }

    private static double timed(Timed body) throws Exception {
        long started = System.nanoTime();
        body.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static List<Double> repeat(int n, java.util.concurrent.Callable<Double> body) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(body.call());
        }
        return values;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
