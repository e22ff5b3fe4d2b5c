package dev.selfcode.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * tmpfs {@code /tmp}, CPU/memory/pids limits, no capabilities, no privilege gain, user 65534, a hard
 * timeout after which it is killed. Uses Testcontainers' Docker client (its environment discovery and
 * settings) but not its container lifecycle: waiting on the engine's wait call costs ~0.2 s per run,
 * where a startup check strategy polls once a second. Images are never pulled.
 */
final class HardenedContainer {

    static final String USER = "65534:65534";
    static final String IMAGES_SCRIPT = "scripts/sandbox-images.sh";

    /** A bind mount of a host directory. */
    record Mount(String hostPath, String containerPath, boolean writable) {
    }

    /** What the engine reported: the exit code (-1 when killed at the deadline), and whether it was. */
    record Outcome(int exitCode, boolean killedAtDeadline, boolean oomKilled, double wallSeconds) {
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

    /** Fails with a clear message when the image is not present locally (images are never pulled). */
    static void requireImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new SandboxException("sandbox image '" + image + "' is not on this Docker engine and is never"
                    + " pulled: build it with " + IMAGES_SCRIPT, e);
        }
    }

    static Outcome run(String image, List<String> command, Map<String, String> env, List<Mount> mounts,
            SandboxLimits limits, Duration hardTimeout) {
        DockerClient docker = docker();
        requireImage(docker, image);
        List<Bind> binds = new ArrayList<>();
        for (Mount m : mounts) {
            binds.add(new Bind(m.hostPath(), new Volume(m.containerPath()), m.writable() ? AccessMode.rw : AccessMode.ro));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,exec,nosuid,nodev,size=" + limits.tmpfsBytes()))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(limits.pids())
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withNanoCPUs((long) (limits.cpus() * 1e9))
                .withInit(true)
                .withBinds(binds)
                // The runner caps step output itself; this only bounds what the engine stores.
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "1")));
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String id;
        try {
            id = docker.createContainerCmd(image)
                    .withHostConfig(host)
                    .withUser(USER)
                    .withNetworkDisabled(true)
                    .withWorkingDir("/workspace")
                    .withEnv(envList)
                    .withCmd(command)
                    .withLabels(Map.of("dev.selfcode.sandbox", "run"))
                    .exec().getId();
        } catch (RuntimeException e) {
            throw new SandboxException("the sandbox container could not be created: " + e.getMessage(), e);
        }
        try {
            long started = System.nanoTime();
            docker.startContainerCmd(id).exec();
            Integer code;
            boolean killed = false;
            try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
                code = wait.awaitStatusCode(hardTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (DockerClientException e) {
                if (System.nanoTime() - started < hardTimeout.toNanos()) {
                    throw e; // the engine failed, not the deadline
                }
                killed = true;
                code = -1;
                kill(docker, id);
            }
            double wall = (System.nanoTime() - started) / 1e9;
            Boolean oom = docker.inspectContainerCmd(id).exec().getState().getOOMKilled();
            return new Outcome(code == null ? -1 : code, killed, Boolean.TRUE.equals(oom), wall);
        } catch (SandboxException e) {
            throw e;
        } catch (Exception e) {
            throw new SandboxException("the sandbox container failed: " + e.getMessage(), e);
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException e) {
                // already gone; nothing else to release
            }
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
