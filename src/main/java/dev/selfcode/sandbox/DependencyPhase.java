package dev.selfcode.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;
import dev.selfcode.text.Text;

/**
 * The dependency phase: runs the repository's deps command once per repository and manifest hash in its own
 * hardened container on the deps network, where the registry gateway is the only way out, and publishes what it
 * installed to the cache; the test phase then mounts it read-only and stays offline. A cache hit runs no
 * container and opens no connection.
 */
final class DependencyPhase {

    /** Where the phase's results are, inside its container: {@code m2/} ($SELFCODE_M2), {@code python/}. */
    static final String DEPS = "/selfcode/deps";
    static final String PYTHON = DEPS + "/python";
    /** Where corepack keeps the pnpm or yarn it fetched: the checks run that same copy, offline. */
    static final String COREPACK = DEPS + "/corepack";
    static final String NODE_MODULES = Sandbox.WORKSPACE + "/node_modules";
    private static final String HOME = "/selfcode/home";
    private static final Logger LOG = Logger.getLogger(DependencyPhase.class);
    private static final Pattern DECISIVE = Pattern.compile(
            "npm ERR!|npm error|\\[ERROR\\]|ERROR:|error:|Could not|Non-resolvable|Unresolveable|No matching distribution"
                    + "|not found|E404|ETIMEDOUT|ECONNREFUSED|403 Forbidden|Traceback|Exception");

    /** What the test phase mounts: each part present only when the phase installed something there. */
    record Installed(Optional<Path> nodeModules, Optional<Path> m2, Optional<Path> python, boolean fromCache,
            Optional<Path> corepack) {

        static final Installed NOTHING = new Installed(Optional.empty(), Optional.empty(), Optional.empty(), true,
                Optional.empty());

        static Installed of(Path entry, boolean fromCache) {
            return new Installed(dir(entry.resolve("node_modules")), dir(entry.resolve("m2")),
                    dir(entry.resolve("python")), fromCache, dir(entry.resolve("corepack")));
        }

        private static Optional<Path> dir(Path p) {
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
    }

    /** The phase's result: what to mount, or the evaluation that ends the run. */
    record Result(Installed installed, Optional<Evaluation> failure) {
    }

    private final DepsSettings settings;
    private final int outputLimit;
    private final long pids;

    DependencyPhase(DepsSettings settings, int outputLimit, long pids) {
        this.settings = settings;
        this.outputLimit = outputLimit;
        this.pids = pids;
    }

    /** Installs (or finds in the cache) the dependencies of {@code repoDir}; never throws for the repository. */
    Result install(Path repoDir, RepoConfig config) {
        Optional<String> command = config.depsStep();
        if (command.isEmpty()) {
            return new Result(Installed.NOTHING, Optional.empty());
        }
        try {
            String imageId = HardenedContainer.imageId(config.image());
            List<String> key = new ArrayList<>(List.of(command.get(), config.image(), imageId));
            settings.registries().forEach(r -> key.add(r.identity()));
            String hash = DepsManifest.hash(repoDir, key);
            String repo = repositoryKey(repoDir);
            DepsCache cache = new DepsCache(settings.cacheDir());
            Optional<Path> hit = cache.find(repo, hash);
            if (hit.isPresent()) {
                return new Result(Installed.of(hit.get(), true), Optional.empty());
            }
            try (DepsCache.Lock lock = cache.lock(repo, hash)) {
                hit = cache.find(repo, hash); // another evaluation may have installed them while we waited
                if (hit.isPresent()) {
                    return new Result(Installed.of(hit.get(), true), Optional.empty());
                }
                return run(repoDir, config, command.get(), cache, repo, hash);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxException("the dependency phase cannot use its cache " + settings.cacheDir() + ": "
                    + e.getMessage(), e);
        }
    }

    private Result run(Path repoDir, RepoConfig config, String command, DepsCache cache, String repo, String hash)
            throws IOException {
        InetAddress gatewayIp = DepsNetwork.gateway(settings.network());
        Path stage = cache.stage(repo);
        boolean published = false;
        try (RegistryGateway gateway = RegistryGateway.start(gatewayIp, settings.registries(),
                settings.seededMaven(), settings.caBundle(), settings.cacheDir().resolve("gateway.log"));
                RunDirectory run = RunDirectory.copyOf(repoDir)) {
            run.writeStep("deps", command);
            Path home = openDir(run.root.resolve("home"));
            writeToolSettings(home, gateway, gatewayIp.getHostAddress());
            List<HardenedContainer.Mount> mounts = new ArrayList<>(List.of(
                    new HardenedContainer.Mount(run.workspace.toString(), Sandbox.WORKSPACE, true),
                    new HardenedContainer.Mount(run.steps.toString(), Sandbox.STEPS, false),
                    new HardenedContainer.Mount(run.ctl.toString(), Sandbox.CTL, true),
                    new HardenedContainer.Mount(run.out.toString(), Sandbox.OUT, true),
                    new HardenedContainer.Mount(home.toString(), HOME, true),
                    new HardenedContainer.Mount(stage.toString(), DEPS, true)));
            openDir(stage.resolve("m2"));
            openDir(stage.resolve("python"));
            openDir(stage.resolve("corepack"));
            if (Files.isRegularFile(repoDir.resolve("package.json"))) {
                // Installed straight into the cache entry, which the test phase mounts at the same place.
                mounts.add(new HardenedContainer.Mount(openDir(stage.resolve("node_modules")).toString(),
                        NODE_MODULES, true));
            }
            long timeoutSeconds = Math.max(1, settings.timeout().toSeconds());
            List<String> runner = List.of("/bin/sh", "-c", Sandbox.RUNNER, "selfcode-runner",
                    Long.toString(timeoutSeconds), Integer.toString(outputLimit), "deps");
            RepoConfig.Limits limits = config.limits();
            SandboxLimits resources = new SandboxLimits(HardenedContainer.cpus(limits.cpus()), limits.memoryBytes(),
                    pids, limits.memoryBytes());
            HardenedContainer.Outcome outcome = HardenedContainer.run(config.image(), runner,
                    environment(gateway, gatewayIp.getHostAddress()), mounts, resources,
                    Duration.ofSeconds(timeoutSeconds).plus(Sandbox.GRACE), settings.network());
            String log = run.stepLog("deps", outputLimit).orElse("");
            boolean timedOut = outcome.killedAtDeadline() || run.control("timeout").isPresent();
            int exit = timedOut ? -1 : run.exitCode("deps").orElse(-1);
            long[] usage = usage(run.control("usage").orElse(""));
            boolean oom = usage[1] > 0 || exit == 137;
            if (!gateway.refusedHosts().isEmpty()) {
                LOG.warnf("the dependency phase tried to reach %s (refused)", gateway.refusedHosts());
            }
            if (exit != 0) {
                String cause = cause(command, exit, timedOut, oom, limits.memoryBytes(), gateway.refusedHosts(), log);
                return new Result(Installed.NOTHING, Optional.of(failed(cause, exit, log, outcome.wallSeconds())));
            }
            for (String part : List.of("m2", "python", "node_modules", "corepack")) {
                deleteIfEmpty(stage.resolve(part));
            }
            Path entry = cache.publish(stage, repo, hash);
            published = true;
            return new Result(Installed.of(entry, false), Optional.empty());
        } finally {
            if (!published) {
                DepsCache.discard(stage);
            }
        }
    }

    /** Points npm, pip and Maven at the gateway; the settings sit in the phase's own home folder. */
    private void writeToolSettings(Path home, RegistryGateway gateway, String ip) throws IOException {
        String base = gateway.base();
        String port = base.substring(base.lastIndexOf(':') + 1);
        Path m2 = openDir(home.resolve(".m2"));
        StringBuilder proxies = new StringBuilder();
        for (String protocol : List.of("http", "https")) {
            // Any repository but central goes through the gateway as a proxy, which refuses it and names it.
            proxies.append("<proxy><id>selfcode-").append(protocol).append("</id><active>true</active><protocol>")
                    .append(protocol).append("</protocol><host>").append(ip).append("</host><port>").append(port)
                    .append("</port><nonProxyHosts>").append(ip).append("</nonProxyHosts></proxy>");
        }
        // The mirror keeps the id "central", which Maven records with each artifact: the offline test phase, which
        // knows central by that id, then accepts them.
        Files.writeString(m2.resolve("settings.xml"), """
                <settings>
                  <mirrors><mirror><id>central</id><mirrorOf>central</mirrorOf><url>%s/maven2/</url></mirror></mirrors>
                  <proxies>%s</proxies>
                </settings>
                """.formatted(base, proxies));
        Files.writeString(home.resolve(".npmrc"), "registry=" + base + "/\nreplace-registry-host="
                + replaceRegistryHost(settings.registries()) + "\naudit=false\nfund=false\nupdate-notifier=false\n");
        Path pip = openDir(openDir(home.resolve(".config")).resolve("pip"));
        Files.writeString(pip.resolve("pip.conf"), "[global]\nindex-url = " + base + "/simple/\ntrusted-host = " + ip
                + "\ndisable-pip-version-check = true\nno-input = true\n");
    }

    /**
     * Lockfiles name their registry's host; npm re-points URLs of this host at the gateway. Every other host stays
     * as written, goes to the gateway as a proxy request and is refused by name. With several npm registries any
     * host is re-pointed ("always"), and a tarball elsewhere then fails as not found instead.
     */
    static String replaceRegistryHost(List<Registry> registries) {
        List<Registry> npm = registries.stream().filter(r -> r.type() == Registry.Type.NPM).toList();
        if (npm.size() != 1) {
            return npm.isEmpty() ? "npmjs" : "always";
        }
        String host = npm.get(0).url().getRawAuthority();
        return host.equals("registry.npmjs.org") ? "npmjs" : host;
    }

    private static Map<String, String> environment(RegistryGateway gateway, String ip) {
        Map<String, String> env = new LinkedHashMap<>(Sandbox.environment());
        env.put("HOME", HOME);
        // Java takes its home from the user database, not $HOME; Maven finds its settings.xml through it.
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + HOME);
        env.put("SELFCODE_DEPS", DEPS);
        env.put("SELFCODE_M2", DEPS + "/m2");
        env.put("PYTHONUSERBASE", PYTHON);
        // corepack fetches pnpm/yarn from the gateway's npm registry (never asks), into the deps cache.
        env.put("COREPACK_HOME", COREPACK);
        env.put("COREPACK_NPM_REGISTRY", gateway.base());
        env.put("COREPACK_ENABLE_DOWNLOAD_PROMPT", "0");
        env.put("COREPACK_ENABLE_AUTO_PIN", "0");
        // npm's registry signatures are not served by mirrors (nor by every route to npm): like npm's own installs,
        // trust is the configured registry over TLS, plus the hash when packageManager pins one (still checked).
        env.put("COREPACK_INTEGRITY_KEYS", "0");
        env.put("YARN_NPM_REGISTRY_SERVER", gateway.base());
        env.put("YARN_ENABLE_TELEMETRY", "0");
        // Every other host a tool tries goes to the gateway as a proxy request, refused and named there.
        for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
            env.put(name, gateway.base());
        }
        env.put("NO_PROXY", ip);
        env.put("no_proxy", ip);
        return env;
    }

    /** The cause of a failed phase, in words a maintainer can act on, quoting the decisive lines. */
    static String cause(String command, int exit, boolean timedOut, boolean oom, long memoryBytes,
            List<String> refusedHosts, String log) {
        StringBuilder cause = new StringBuilder();
        // A refused host is the cause when the tool's output names it; else the tool went on without it.
        List<String> named = refusedHosts.stream().filter(log::contains).toList();
        List<String> others = refusedHosts.stream().filter(h -> !log.contains(h)).toList();
        refusedHosts = named;
        if (!refusedHosts.isEmpty()) {
            cause.append("the deps phase tried to reach ").append(String.join(", ", refusedHosts))
                    .append(refusedHosts.size() == 1
                            ? ", which is not an allowed registry"
                            : ", which are not"
                                    + " allowed registries")
                    .append("; add it to selfcode.deps.registries (or drop the dependency); ");
        }
        if (timedOut) {
            cause.append("the deps phase ran past its time limit");
        } else if (oom) {
            cause.append("the deps phase was killed for using more than the memory limit of ")
                    .append(memoryBytes >> 20).append(" MiB");
        } else {
            cause.append("the deps command `").append(Text.oneLine(command, 200)).append("` failed with exit code ")
                    .append(exit);
        }
        if (!others.isEmpty()) {
            cause.append(" (it was also refused ").append(String.join(", ", others)).append(")");
        }
        String lines = decisiveLines(log);
        if (!lines.isEmpty()) {
            cause.append(":\n").append(lines);
        }
        return cause.toString();
    }

    /** The lines that say what went wrong (npm ERR!, Maven [ERROR], pip's ERROR:), else the last ones. */
    static String decisiveLines(String log) {
        List<String> all = log.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        List<String> picked = all.stream().filter(l -> DECISIVE.matcher(l).find()).distinct().limit(8).toList();
        if (picked.isEmpty()) {
            picked = all.subList(Math.max(0, all.size() - 8), all.size());
        }
        return Text.cap(String.join("\n", picked), 2000);
    }

    private static Evaluation failed(String cause, int exit, String log, double wallSeconds) {
        return new Evaluation(Status.DEPS_FAILED, 0, 0, 0, 0, 0, Optional.empty(), Map.of(), 0, 0, wallSeconds,
                Map.of("deps", exit), Text.tail(log, 4000), List.of(), cause);
    }

    /**
     * Which repository {@code repoDir} is a checkout of: its git directory (shared by all worktrees of one
     * mirror), else the folder itself. Entries of one repository never serve another.
     */
    static String repositoryKey(Path repoDir) throws IOException {
        Path dir = repoDir.toRealPath();
        Path git = dir.resolve(".git");
        String identity = dir.toString();
        if (Files.isDirectory(git)) {
            identity = git.toRealPath().toString();
        } else if (Files.isRegularFile(git)) {
            String pointer = Files.readString(git).strip();
            if (pointer.startsWith("gitdir:")) {
                Path gitDir = dir.resolve(pointer.substring("gitdir:".length()).strip()).normalize();
                Path common = gitDir.resolve("commondir");
                identity = Files.isRegularFile(common)
                        ? gitDir.resolve(Files.readString(common).strip()).normalize().toString()
                        : gitDir.toString();
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] usage(String text) {
        String[] parts = text.trim().split("\\s+");
        long[] values = {-1, 0};
        for (int i = 0; i < Math.min(2, parts.length); i++) {
            try {
                values[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                // absent
            }
        }
        return values;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private static Path openDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }
}
