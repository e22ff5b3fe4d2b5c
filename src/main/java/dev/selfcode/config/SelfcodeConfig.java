package dev.selfcode.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Server-wide settings, all under the {@code selfcode.} prefix. */
@ConfigMapping(prefix = "selfcode")
public interface SelfcodeConfig {

    /** Where mirrors, worktrees and the embedded database live. */
    @WithDefault("${user.home}/.selfcode")
    Path dataDir();

    /** Decision threshold used when neither the request nor the repo config names one. */
    @WithDefault("0.5")
    Threshold threshold();

    Sandbox sandbox();

    Deps deps();

    Worker worker();

    GitHub github();

    Bench bench();

    Deliveries deliveries();

    EmbeddedDb embeddedDb();

    Sweeps sweeps();

    Guardrails guardrails();

    Setup setup();

    Memory memory();

    Prompt prompt();

    Web web();

    GitHubApp githubApp();

    /** Limits and images for the throw-away containers. */
    interface Sandbox {

        /** Image for Python repositories (built by scripts/sandbox-images.sh). */
        @WithDefault("selfcode/python:3.11")
        String pythonImage();

        @WithDefault("selfcode/java:17")
        String javaImage();

        @WithDefault("selfcode/node:20")
        String nodeImage();

        @WithDefault("1")
        double cpus();

        @WithDefault("1g")
        String memory();

        @WithDefault("256")
        long pids();

        @WithDefault("10m")
        Duration timeout();

        /** Bytes of output kept per step; the rest is dropped (the tail is kept). */
        @WithDefault("262144")
        int outputLimit();

        /** A pre-filled Maven repository mounted read-only for offline Maven builds. */
        Optional<Path> mavenRepository();

        /** Image for Maven builds whose poms ask for Java 21 or later (javaImage stays the default). */
        @WithDefault("selfcode/java:21")
        String java21Image();
    }

    /**
     * The dependency phase: a hardened container on its own Docker network whose only way out is Selfcode's
     * registry gateway, which forwards to these registries and nothing else. Its results are cached.
     */
    interface Deps {

        /** Off: no dependency phase, as before (projects with dependencies then fail offline). */
        @WithDefault("true")
        boolean enabled();

        /** The Docker network (created by {@code scripts/services.sh deps-network}). */
        @WithDefault("selfcode-deps")
        String network();

        /** Trust store (PEM) the gateway uses for TLS to the registries; containers never need it. */
        @WithDefault("/etc/ssl/certs/ca-certificates.crt")
        Optional<Path> caBundle();

        /** Where installed dependencies are kept; default {@code <data-dir>/deps}. */
        Optional<Path> cacheDir();

        /** Longest a dependency phase may run. */
        @WithDefault("15m")
        Duration timeout();

        /** Registries by name (defaults in application.properties: central, npmjs, pypi). */
        Map<String, Registry> registries();

        /** One registry the gateway may forward to; credentials are added by the gateway, never seen inside. */
        interface Registry {

            /** {@code maven}, {@code npm} or {@code pypi}. */
            String type();

            /** Base URL: a Maven repository root, an npm registry, or a PyPI simple index. */
            URI url();

            /** PyPI only: the base of the file links the index names (files.pythonhosted.org for PyPI). */
            Optional<URI> files();

            Optional<String> username();

            Optional<String> password();

            /** Sent as a bearer token (npm and most private registries); wins over username/password. */
            Optional<String> token();
        }
    }

    /** The durable job queue's worker. */
    interface Worker {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("2")
        int concurrency();

        @WithDefault("120s")
        Duration lease();

        @WithDefault("20s")
        Duration heartbeat();

        @WithDefault("2s")
        Duration poll();

        @WithDefault("3")
        int maxAttempts();

        @WithDefault("10s")
        Duration backoff();

        /** Longest wait between retries, however often the backoff doubled. */
        @WithDefault("30m")
        Duration maxBackoff();

        /** On shutdown, how long running jobs may finish; the rest are reclaimed after their lease expires. */
        @WithDefault("30s")
        Duration shutdownGrace();

        /** How often the worker's health check asks the Docker engine for itself and the sandbox images. */
        @WithDefault("15s")
        Duration engineCheck();

        /**
         * The engine the worker's health check asks (unix:///var/run/docker.sock, tcp://host:2375); unset means
         * DOCKER_HOST or the local socket, the engine the sandboxes use.
         */
        Optional<String> engineHost();

        /** Liveness fails when the poll loop has not come round for this long (a stuck worker). */
        @WithDefault("2m")
        Duration stuckAfter();

        /** Claim no job while the worker's health check is down (tests of the queue alone turn this off). */
        @WithDefault("true")
        boolean waitForEngine();
    }

    /** GitHub App behaviour beyond what quarkus-github-app configures. */
    interface GitHub {

        /** Log every write to GitHub instead of doing it. */
        @WithDefault("false")
        boolean dryRun();

        /** Label that triggers a run when added to an issue. */
        @WithDefault("selfcode")
        String triggerLabel();

        /** Webhook bodies larger than this are refused with 413. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** Replay, once, a stored command delivery that has not become a job this long after it arrived. */
        @WithDefault("true")
        boolean replayLost();

        @WithDefault("2m")
        Duration replayAfter();
    }

    /** The {@code delivery} table: the ids seen (so a redelivery runs once) and the bodies kept for a replay. */
    interface Deliveries {

        /** Deliveries older than this are deleted, bodies included; at least 1d (replays look back one day). */
        @WithDefault("30d")
        Duration retention();

        /** Delete them hourly. */
        @WithDefault("true")
        boolean prune();
    }

    /**
     * The embedded MariaDB used without a JDBC URL. Read before Quarkus starts (dev.selfcode.db.DatabaseSettings);
     * declared here so that Quarkus accepts the key and documents it.
     */
    interface EmbeddedDb {

        /** How long it keeps running with no Selfcode process using it. */
        @WithDefault("5m")
        Duration idleStop();
    }

    /** The webhook benchmark's helpers; off in every real deployment. */
    interface Bench {

        /** Adds POST /bench/insert, a bare one-insert endpoint to compare the webhook path with. */
        @WithDefault("false")
        boolean enabled();
    }

    /** Scheduled sweeps: the tick that turns due times in {@code sweep_schedule} into sweep jobs. */
    interface Sweeps {

        /** Run the tick (every replica may; each due time still runs once). */
        @WithDefault("true")
        boolean enabled();

        /** How often due times are looked for; a sweep starts at most this late. */
        @WithDefault("30s")
        Duration tick();

        /** The generator a refactor-worst sweep uses: llm, template, or auto (llm when one is configured). */
        @WithDefault("auto")
        String generator();

        /**
         * While a merged Selfcode patch is watched for a rollback, pushes to the default branch queue a measurement;
         * pushes within this window of each other share one, taken at the end of the window.
         */
        @WithDefault("10m")
        Duration pushDebounce();
    }

    /**
     * Budgets and the circuit breaker per repository: the defaults a repo's {@code .github/selfcode.yml} may change
     * ({@code max_open_prs}, {@code max_patches_per_day}, {@code max_tokens_per_day}, {@code breaker}) and the caps
     * it cannot raise. A repo value above a cap is clamped to it, and a refusal says so.
     */
    interface Guardrails {

        /** Open Selfcode pull requests per repository. */
        @WithDefault("3")
        int maxOpenPrs();

        /** Patch attempts per repository in any 24 hours. */
        @WithDefault("10")
        int maxPatchesPerDay();

        /** LLM tokens (prompt + completion) per repository in any 24 hours. */
        @WithDefault("200000")
        long maxTokensPerDay();

        /** Rejected or rolled-back patches in a row that stop Selfcode on a repository until a reset. */
        @WithDefault("3")
        int breaker();

        Caps caps();

        /** The most a repository may ask for. */
        interface Caps {

            @WithDefault("10")
            int maxOpenPrs();

            @WithDefault("50")
            int maxPatchesPerDay();

            @WithDefault("1000000")
            long maxTokensPerDay();

            /** A repo may not turn the breaker into no breaker by asking for a huge count. */
            @WithDefault("10")
            int breaker();
        }
    }

    /**
     * The one-click App registration of {@code serve} without App credentials (dev.selfcode.setup reads these before
     * Quarkus starts; declared here so they are known and documented). {@code --public-url} and {@code --github-url}
     * override them.
     */
    interface Setup {

        /** This server's URL as GitHub reaches it: the App's homepage and webhook URL. */
        Optional<String> publicUrl();

        /** GitHub's web root, where the manifest is posted; https://HOST for GitHub Enterprise Server. */
        @WithDefault("https://github.com")
        String githubUrl();
    }

    /** GPT memory (dev.selfcode.memory): how much of each tag stays whole per repository. */
    interface Memory {

        /** Interactions of each tag kept whole per repository; older ones fold into one summary row. */
        @WithDefault("100")
        int keepPerTag();

        /** Only rows older than this fold; never less than the token budget's 24-hour window. */
        @WithDefault("48h")
        Duration foldAfter();
    }

    /** How a target file is shown to the model: small files whole, large ones as chunk summaries plus one chunk. */
    interface Prompt {

        /**
         * A target file above this many tokens is chunked (env {@code PROMPT_CHUNK_TOKEN_THRESHOLD}); each chunk stays
         * under it.
         */
        @WithDefault("3500")
        int chunkTokenThreshold();

        /**
         * The chunk summary cache, one file per chunk content and summarizer model (env {@code CHUNK_SUMMARY_CACHE_DIR},
         * or the older {@code PROMPT_CHUNK_CACHE_DIR}); default {@code <data-dir>/chunk-summaries}.
         */
        Optional<Path> chunkCacheDir();
    }

    /** The dashboard and the REST API. */
    interface Web {

        /**
         * The admin token of a single-user install (env {@code SELFCODE_ADMIN_TOKEN}), given as
         * {@code Authorization: Bearer ...}: sees every repository. Unset: no admin token.
         */
        Optional<String> adminToken();

        /** How long a login with the admin token on the login form lasts (its session cookie). */
        @WithDefault("12h")
        Duration adminSession();
    }

    /**
     * The App's OAuth client, for the dashboard's "Log in with GitHub" (env {@code SELFCODE_GITHUB_APP_CLIENT_ID} and
     * {@code SELFCODE_GITHUB_APP_CLIENT_SECRET}; the one-click setup writes both to the data folder's github-app.env).
     * Unset: no GitHub login, only the admin token. quarkus-oidc reads them (application.properties).
     */
    interface GitHubApp {

        Optional<String> clientId();

        Optional<String> clientSecret();
    }
}
