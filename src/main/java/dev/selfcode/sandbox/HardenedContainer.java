package dev.selfcode.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;

/**
 * Runs one container with every limit Selfcode promises: no network, read-only root, a size-limited
 * tmpfs {@code /tmp}, CPU/memory/pids limits, no privilege gain, a hard timeout after which it is killed. The
 * container's command (Selfcode's runner) starts as root with only the capabilities it needs to run each step
 * as user 65534 without any capability, and to keep what the steps cannot reach (its control files, the
 * report channels). Uses Testcontainers' Docker client (its environment discovery and
 * settings) but not its container lifecycle: waiting on the engine's wait call costs ~0.2 s per run,
 * where a startup check strategy polls once a second. Images are never pulled: creating a container from a
 * missing image fails, with a message naming the script that builds it.
 */
final class HardenedContainer {

    /** The runner's user; steps run as {@link #STEP_USER}. */
    static final String USER = "0:0";
    static final int STEP_USER = 65534;
    /**
     * What the runner needs: change to the step user and drop its capability bounding set (SETUID, SETGID,
     * SETPCAP), limit and kill steps (KILL), write its own files in directories the host user owns and hand
     * them back to that user (DAC_OVERRIDE, FOWNER, CHOWN).
     */
    static final List<Capability> RUNNER_CAPABILITIES = List.of(Capability.SETUID, Capability.SETGID,
            Capability.SETPCAP, Capability.KILL, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.CHOWN);
    static final String IMAGES_SCRIPT = "scripts/sandbox-images.sh";
    private static final Logger LOG = Logger.getLogger(HardenedContainer.class);

    /** A bind mount of a host directory. */
    record Mount(String hostPath, String containerPath, boolean writable) {
    }

    /** What the engine reported: the runner's exit code (-1 when killed at the deadline), and whether it was. */
    record Outcome(int exitCode, boolean killedAtDeadline, double wallSeconds) {
    }

    private HardenedContainer() {
    }

    static DockerClient docker() {
        try {
            return DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new SandboxException("no Docker engine is reachable (" + e.getMessage()
                    + "); the sandbox needs one, see DOCKER_HOST", e);
        }
    }

    static Outcome run(String image, List<String> command, Map<String, String> env, List<Mount> mounts,
            SandboxLimits limits, Duration hardTimeout) {
        return run(image, command, env, mounts, limits, hardTimeout, "none");
    }

    /** As above, on {@code network} ("none", or the dependency phase's network). */
    static Outcome run(String image, List<String> command, Map<String, String> env, List<Mount> mounts,
            SandboxLimits limits, Duration hardTimeout, String network) {
        DockerClient docker = docker();
        boolean offline = network.equals("none");
        List<Bind> binds = new ArrayList<>();
        for (Mount m : mounts) {
            AccessMode mode = m.writable() ? AccessMode.rw : AccessMode.ro;
            binds.add(new Bind(m.hostPath(), new Volume(m.containerPath()), mode));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,exec,nosuid,nodev,size=" + limits.tmpfsBytes()))
                .withCapDrop(Capability.ALL)
                .withCapAdd(RUNNER_CAPABILITIES.toArray(Capability[]::new))
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(limits.pids())
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withNanoCPUs((long) (limits.cpus() * 1e9))
                // A real init as PID 1 reaps orphans (which would count against the pids limit) and relays signals.
                .withInit(true)
                .withBinds(binds)
                // The runner caps step output itself; this only bounds what the engine stores.
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", "1m", "max-file", "1")));
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String id;
        try {
            id = docker.createContainerCmd(image)
                    .withHostConfig(host)
                    .withUser(USER)
                    // Network mode "none" leaves only loopback; "network disabled" on top would also leave /etc/hosts
                    // empty, and runners that resolve "localhost" (vitest's server, many projects' own tests) fail.
                    .withWorkingDir("/workspace")
                    .withEnv(envList)
                    // As the entrypoint, so that an image's own entrypoint cannot wrap or replace the runner.
                    .withEntrypoint(command)
                    .withLabels(Map.of("dev.selfcode.sandbox", "run"))
                    .exec().getId();
        } catch (NotFoundException e) {
            throw new SandboxException("sandbox image '" + image + "' is not on this Docker engine and is never"
                    + " pulled: build it with " + IMAGES_SCRIPT, e);
        } catch (RuntimeException e) {
            throw new SandboxException("the sandbox container could not be created: " + e.getMessage(), e);
        }
        try {
            long started = System.nanoTime();
            docker.startContainerCmd(id).exec();
            int code;
            boolean killed = false;
            try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
                Integer status = wait.awaitStatusCode(hardTimeout.toMillis(), TimeUnit.MILLISECONDS);
                code = status == null ? -1 : status;
            } catch (DockerClientException e) {
                if (System.nanoTime() - started < hardTimeout.toNanos()) {
                    throw e; // the engine failed, not the deadline
                }
                killed = true;
                code = -1;
                kill(docker, id);
            }
            return new Outcome(code, killed, (System.nanoTime() - started) / 1e9);
        } catch (Exception e) {
            throw new SandboxException("the sandbox container failed: " + e.getMessage(), e);
        } finally {
            // The container has stopped; removing it (tens of ms) need not delay the caller.
            REMOVER.execute(() -> remove(docker, id));
        }
    }

    private static final ExecutorService REMOVER = remover();

    private static ExecutorService remover() {
        ExecutorService remover = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "selfcode-sandbox-remover");
            t.setDaemon(true);
            return t;
        });
        // Lets pending removals finish when the JVM exits, so no stopped container is left behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            remover.shutdown();
            try {
                remover.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "selfcode-sandbox-remover-drain"));
        return remover;
    }

    private static void remove(DockerClient docker, String id) {
        try {
            // With its anonymous volumes, which an image's VOLUME lines create.
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            LOG.warnf("could not remove sandbox container %s: %s", id, e.getMessage());
        }
    }

    /** The engine's id of {@code image}, which changes when the image is rebuilt. */
    static String imageId(String image) {
        try {
            return docker().inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            throw new SandboxException("sandbox image '" + image + "' is not on this Docker engine and is never"
                    + " pulled: build it with " + IMAGES_SCRIPT, e);
        }
    }

    /** {@code wanted} CPUs, at most what the engine has (it refuses more) and at least 0.01. */
    static double cpus(double wanted) {
        if (engineCpus == 0) {
            try {
                Integer n = docker().infoCmd().exec().getNCPU();
                engineCpus = n == null || n < 1 ? Runtime.getRuntime().availableProcessors() : n;
            } catch (RuntimeException e) {
                engineCpus = Runtime.getRuntime().availableProcessors();
            }
        }
        return Math.max(0.01, Math.min(wanted, engineCpus));
    }

    private static volatile int engineCpus;

    private static void kill(DockerClient docker, String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (RuntimeException e) {
            // it exited between the timeout and the kill
        }
    }
}
