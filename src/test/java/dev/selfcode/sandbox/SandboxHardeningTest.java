package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.PYTHON;
import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.limits;
import static dev.selfcode.sandbox.SandboxTestSupport.treeDigest;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/** The limits every sandbox run promises, checked against a real Docker engine. */
class SandboxHardeningTest {

    private static final RepoConfig.Limits SHORT = limits(Duration.ofSeconds(20), 256L << 20);

    @TempDir
    Path repo;

    private final Sandbox sandbox = SandboxTestSupport.sandbox();

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(PYTHON, SandboxTestSupport.NODE);
    }

    @Test
    void aHangingSuiteIsStoppedByItsTimeLimit() {
        write(repo, "test_hang.py", "import time\n\n\ndef test_hang():\n    time.sleep(600)\n");
        RepoConfig config = configOf(repo, "limits: { timeout: 2s }\n");

        Evaluation e = sandbox.evaluate(repo, config);

        // The limit itself, not the clock: the run ended because the 2 s limit fired, in the test step.
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.TIMEOUT);
        assertThat(e.logTail()).contains("timed out after 2 s in step 'test'");
    }

    @Test
    void aOneShotCommandTimesOutWithTheFlagSet() {
        CommandResult r = sandbox.exec(PYTHON, repo, "echo started; sleep 600", limits(Duration.ofSeconds(1), 256L << 20));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.output()).isEqualTo("started\n");
    }

    @Test
    void aStepThatEscapesTheInnerTimeoutIsKilledWithItsContainer() {
        // A detached process keeps the output pipe open, so only killing the container ends the run.
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        RepoConfig config = configOf(repo, "test: setsid sh -c 'trap \"\" TERM; sleep 600' & sleep 600\n"
                + "limits: { timeout: 1s }\n");

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.TIMEOUT);
        assertThat(e.logTail()).contains("the container was killed");
    }

    @Test
    void theProcessCountIsLimited() {
        Sandbox limited = new Sandbox(SandboxTestSupport.settings(64, 64 * 1024));
        String spawn = """
                python3 -c '
                import subprocess
                started = []
                for _ in range(200):
                    try:
                        started.append(subprocess.Popen(["sleep", "30"]))
                    except OSError:
                        break
                print("started", len(started))
                for p in started:
                    p.kill()
                '""";
        CommandResult r = limited.exec(PYTHON, repo, spawn, SHORT);
        assertThat(r.exitCode()).as(r.output()).isZero();
        int started = Integer.parseInt(r.output().strip().replaceAll("(?s).*started (\\d+).*", "$1"));
        assertThat(started).isBetween(1, 63);
    }

    @Test
    void aForkBombIsContained() {
        Sandbox limited = new Sandbox(SandboxTestSupport.settings(64, 4096));
        CommandResult r = limited.exec(PYTHON, repo, "bomb() { bomb | bomb & }; bomb; sleep 5; echo survived",
                limits(Duration.ofSeconds(3), 256L << 20));
        // The pids limit is what makes fork fail; without it the bomb would grow until the timeout.
        assertThat(r.output()).as(r.output()).containsAnyOf("Cannot fork", "Resource temporarily unavailable");
    }

    @Test
    void aMemoryEaterIsKilledAndTheRunIsNotUsable() {
        write(repo, "test_eat.py", "def test_eat():\n    chunks = []\n    while True:\n"
                + "        chunks.append(bytearray(16 * 1024 * 1024))\n");
        RepoConfig config = configOf(repo, "limits: { memory: 128m, timeout: 30s }\n");

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.BUILD_FAILED);
        assertThat(e.exitCodes()).containsEntry("test", 137);
        assertThat(e.logTail()).contains("memory limit of 128 MiB");
        assertThat(e.peakMemoryBytes()).isLessThanOrEqualTo(128L << 20);
    }

    @Test
    void thereIsNoNetworkButLoopback() {
        CommandResult r = sandbox.exec(PYTHON, repo, "ls /sys/class/net", SHORT);
        assertThat(r.output().strip()).isEqualTo("lo");
    }

    @Test
    void runsUnprivilegedOnAReadOnlyRoot() {
        CommandResult r = sandbox.exec(PYTHON, repo, """
                id -u; id -g
                grep -E '^(CapEff|CapPrm|NoNewPrivs):' /proc/self/status
                touch /etc/owned 2>/dev/null || echo root-read-only
                touch /tmp/x && echo tmp-writable
                grep ' /tmp ' /proc/mounts
                touch /workspace/x && echo workspace-writable
                """, SHORT);
        assertThat(r.output()).contains("65534\n65534\n", "CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
                "NoNewPrivs:\t1", "root-read-only", "tmp-writable", "workspace-writable");
        assertThat(r.output()).containsPattern("tmpfs /tmp tmpfs rw,nosuid,nodev,relatime,size=262144k");
    }

    @Test
    void noHostEnvironmentReachesTheSandbox() {
        CommandResult r = sandbox.exec(PYTHON, repo, "env", SHORT);
        Set<String> keys = r.output().lines().filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
        assertThat(keys).containsAll(Set.of("HOME", "SELFCODE_OUT", "SELFCODE_M2", "PATH"));
        // Only what Selfcode sets, what the image itself declares, and what the shell adds: nothing of the host's.
        Set<String> allowed = new java.util.HashSet<>(Sandbox.environment().keySet());
        for (String env : HardenedContainer.docker().inspectImageCmd(PYTHON).exec().getConfig().getEnv()) {
            allowed.add(env.substring(0, env.indexOf('=')));
        }
        allowed.addAll(Set.of("PWD", "HOSTNAME", "SHLVL", "OLDPWD"));
        assertThat(keys).isSubsetOf(allowed);
        assertThat(r.output()).contains("HOME=/tmp/home", "SELFCODE_OUT=/selfcode/out");
    }

    @Test
    void outputIsCappedKeepingTheTail() {
        Sandbox small = new Sandbox(SandboxTestSupport.settings(128, 4096));
        CommandResult r = small.exec(PYTHON, repo, "python3 -c \"print('x' * 1000000); print('THE-END')\"", SHORT);
        assertThat(r.output().length()).isLessThanOrEqualTo(4096);
        assertThat(r.output()).endsWith("THE-END\n");
    }

    @Test
    void theCallersDirectoryIsNeverWritten() throws Exception {
        write(repo, "keep.py", "x = 1\n");
        Files.createDirectories(repo.resolve(".git"));
        write(repo, ".git/config", "[remote \"origin\"]\n\turl = https://x-access-token:secret@example.invalid/r.git\n");
        String before = treeDigest(repo);

        CommandResult r = sandbox.exec(PYTHON, repo, "ls -a; cat .git/config; python3 -m py_compile keep.py && "
                + "rm -rf /workspace/* && echo vandal > /workspace/new.txt && echo done", SHORT);

        assertThat(r.output()).contains("keep.py", "done").doesNotContain("secret").doesNotContain(".git\n");
        assertThat(treeDigest(repo)).isEqualTo(before);
    }

    @Test
    void aSyntaxCheckReportsTheErrorAndExitCode() {
        write(repo, "bad.py", "def f(:\n    pass\n");
        CommandResult r = sandbox.exec(PYTHON, repo, "python3 -m py_compile bad.py", SHORT);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("SyntaxError");
        assertThat(sandbox.exec(PYTHON, repo, "true", SHORT).succeeded()).isTrue();

        write(repo, "bad.js", "function f( {\n");
        CommandResult node = sandbox.exec(SandboxTestSupport.NODE, repo, "node --check bad.js", SHORT);
        assertThat(node.exitCode()).as(node.output()).isEqualTo(1);
        assertThat(node.output()).contains("SyntaxError");
    }

    @Test
    void anImagesOwnEntrypointAndUserDoNotChangeTheRun(@TempDir Path context) throws Exception {
        write(context, "Dockerfile", "FROM " + PYTHON + "\nUSER root\nENTRYPOINT [\"/bin/false\"]\nVOLUME /data\n");
        var docker = org.testcontainers.DockerClientFactory.instance().client();
        String tag = "selfcode/test-entrypoint:" + ProcessHandle.current().pid();
        docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false)
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback()).awaitImageId();
        try {
            CommandResult r = sandbox.exec(tag, repo, "id -u; echo ran-the-command", SHORT);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).isEqualTo("65534\nran-the-command\n");
        } finally {
            docker.removeImageCmd(tag).withForce(true).exec();
        }
    }

    @Test
    void aMissingImageIsAClearErrorAndNeverPulled() {
        String missing = "selfcode/not-built:0";
        assertThatThrownBy(() -> sandbox.exec(missing, repo, "true", SHORT))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining(missing).hasMessageContaining("scripts/sandbox-images.sh");
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, "image: " + missing + "\n"));
        assertThat(e.status()).isEqualTo(Status.SANDBOX_ERROR);
        assertThat(e.logTail()).contains("scripts/sandbox-images.sh");
    }

    @Test
    void cpuAndMemoryOfTheTestRunAreMeasured() {
        write(repo, "test_work.py", "def test_work():\n    data = bytearray(64 * 1024 * 1024)\n"
                + "    assert sum(range(3_000_000)) > 0 and len(data)\n");
        Evaluation e = sandbox.evaluate(repo, configOf(repo, ""));
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e.peakMemoryBytes()).isGreaterThan(64L << 20);
        assertThat(e.cpuSeconds()).isGreaterThan(0.05);
        assertThat(Arrays.asList(e.cpuSeconds(), e.wallSeconds())).allMatch(v -> v < 30);
    }
    @Test
    void stepsRunWithoutCapabilitiesAndCannotReachTheRunnersFiles() {
        CommandResult r = sandbox.exec(PYTHON, repo, """
                grep -E '^(CapBnd|CapInh|CapAmb):' /proc/self/status
                ls /selfcode/ctl 2>&1 | head -1
                echo 0 > /selfcode/ctl/command.exit || echo exit-not-forged
                touch $SELFCODE_OUT/x || echo out-read-only
                exit 7
                """, SHORT);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(7);
        assertThat(r.output()).contains("CapBnd:\t0000000000000000", "CapInh:\t0000000000000000",
                "CapAmb:\t0000000000000000", "cannot open directory '/selfcode/ctl': Permission denied",
                "exit-not-forged", "out-read-only");
    }

    @Test
    void aStepsDetachedProcessesDoNotOutliveIt() {
        // Before, a detached process holding the output open kept the run going until the container was killed.
        write(repo, "test_a.py", "def test_a():\n    pass\n");
        RepoConfig config = configOf(repo, "test: setsid sh -c 'trap \"\" TERM; sleep 600' & "
                + "python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n");

        Evaluation e = sandbox.evaluate(repo, config);

        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e.passed()).isEqualTo(1);
    }

    @Test
    void aHostUserOtherThanRootReadsAndDeletesWhatTheRunLeft() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to hand the run directory to uid 1000");
        UserPrincipalLookupService users = repo.getFileSystem().getUserPrincipalLookupService();
        write(repo, "keep.py", "x = 1\n");
        try (RunDirectory run = RunDirectory.copyOf(repo)) {
            run.writeStep("command", "mkdir -p deep/er && echo x > deep/er/f && chmod 500 deep/er deep && echo done");
            // What a server running as uid 1000 would have created.
            try (Stream<Path> all = Files.walk(run.root)) {
                for (Path p : all.toList()) {
                    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setOwner(users.lookupPrincipalByName("1000"));
                    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setGroup(users.lookupPrincipalByGroupName("1000"));
                }
            }
            sandbox.runSteps(run, PYTHON, List.of("command"), SHORT, DependencyPhase.Installed.NOTHING);

            assertThat(run.exitCode("command")).hasValue(0);
            try (Stream<Path> all = Files.walk(run.root)) {
                assertThat(all.filter(p -> !owner(p).equals("1000")).toList()).isEmpty();
            }
            Process rm = new ProcessBuilder("setpriv", "--reuid=1000", "--regid=1000", "--clear-groups", "sh", "-c",
                    "rm -rf " + run.root + "/*").redirectErrorStream(true).start();
            String output = new String(rm.getInputStream().readAllBytes());
            assertThat(rm.waitFor()).as(output).isZero();
            try (Stream<Path> left = Files.list(run.root)) {
                assertThat(left.toList()).isEmpty();
            }
        }
    }

    private static String owner(Path p) {
        try {
            return String.valueOf(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anImageWithoutSetprivIsAClearError(@TempDir Path context) throws Exception {
        write(context, "Dockerfile", "FROM " + PYTHON + "\nUSER root\nRUN rm /usr/bin/setpriv\n");
        var docker = org.testcontainers.DockerClientFactory.instance().client();
        String tag = "selfcode/test-no-setpriv:" + ProcessHandle.current().pid();
        docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false).withNetworkMode("none")
                .exec(new com.github.dockerjava.api.command.BuildImageResultCallback()).awaitImageId();
        try {
            assertThatThrownBy(() -> sandbox.exec(tag, repo, "true", SHORT)).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("the sandbox image has no 'setpriv'");
            write(repo, "test_a.py", "def test_a():\n    pass\n");
            Evaluation e = sandbox.evaluate(repo, configOf(repo, "image: " + tag + "\n"));
            assertThat(e.status()).isEqualTo(Status.SANDBOX_ERROR);
            assertThat(e.cause()).contains("the sandbox image has no 'setpriv'");
        } finally {
            docker.removeImageCmd(tag).withForce(true).exec();
        }
    }
}
