package dev.selfcode.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.selfcode.testing.FakeGitHub;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar serve}) as a child process in the prod profile,
 * pointed at a fake GitHub and the test database. Used by the integration tests and the webhook benchmark.
 */
public final class ProdServer implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private ProdServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar and waits until it answers its readiness check. */
    public static ProdServer start(FakeGitHub fake, String webhookSecret, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("QUARKUS_GITHUB_APP_APP_ID", String.valueOf(fake.appId()));
        env.put("QUARKUS_GITHUB_APP_PRIVATE_KEY", fake.privateKeyPem());
        env.put("QUARKUS_GITHUB_APP_WEBHOOK_SECRET", webhookSecret);
        env.put("SELFCODE_DATA_DIR", "target/selfcode-prod-data");
        env.putAll(extraEnv);
        ProdServer server = launch(fake, env, "/q/health/ready");
        return server;
    }

    /**
     * Starts the jar without App credentials in the environment ({@code serve SERVE_ARGS...}, data folder
     * {@code dataDir}) and waits until {@code awaitPath} answers 200 (/setup for the setup page).
     */
    public static ProdServer startWithoutCredentials(FakeGitHub fake, Path dataDir, Map<String, String> extraEnv,
            String awaitPath, String... serveArgs) throws IOException, InterruptedException {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SELFCODE_DATA_DIR", dataDir.toString());
        env.putAll(extraEnv);
        return launch(fake, env, awaitPath, serveArgs);
    }

    private static ProdServer launch(FakeGitHub fake, Map<String, String> extraEnv, String readyPath,
            String... serveArgs) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -B -q package -DskipTests first");
        }
        int port = freePort();
        Path log = Files.createTempFile("selfcode-prod-", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin(), "-Xmx512m"));
        String jvmOptions = System.getProperty("selfcode.server.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(java.util.List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(java.util.List.of("-jar", JAR.toString(), "serve"));
        command.addAll(java.util.List.of(serveArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT", fake.url());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", System.getenv().getOrDefault("SELFCODE_TEST_DB_URL",
                "jdbc:mariadb://127.0.0.1:3306/selfcode_test"));
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("SELFCODE_TEST_DB_USER", "selfcode"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("SELFCODE_TEST_DB_PASSWORD", "selfcode"));
        env.put("SELFCODE_WORKER_ENABLED", "false");
        env.putAll(extraEnv);
        ProdServer server = new ProdServer(builder.start(), port, log);
        server.awaitAnswer(readyPath, Duration.ofSeconds(60));
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until {@code path} answers 200 (the readiness check once the App runs). */
    public void awaitAnswer(String path, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the server was not ready within " + timeout + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
