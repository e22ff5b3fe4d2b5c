package dev.selfcode.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.testing.FakeGitHub;

/**
 * The manifest flow against the fake GitHub, as a browser walks it: the setup page (loopback only), GitHub's
 * redirect back, the exchange of the code, the credentials file (0600), and every refusal with its page.
 */
class SetupServerTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern FORM = Pattern.compile("<form action=\"([^\"]*)\\?state=([0-9a-f]{64})\" method=\"post\">");
    static final Pattern MANIFEST = Pattern.compile("name=\"manifest\" value=\"([^\"]*)\"");

    @TempDir
    Path dataDir;
    FakeGitHub fake;
    SetupServer server;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void startFake() {
        fake = FakeGitHub.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        fake.close();
    }

    SetupServer start(String host, boolean setupPublic, boolean printEnv) throws Exception {
        server = SetupServer.start(new SetupSettings(fake.url() + "/web", fake.url(),
                Optional.of("https://selfcode.example.test"), "/", host, 0, setupPublic, printEnv, dataDir),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return server;
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The setup page's state and manifest (what the button posts). */
    record Page(String action, String state, String manifest) {
    }

    Page page() throws Exception {
        HttpResponse<String> page = get(base() + "/setup");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher form = FORM.matcher(page.body());
        Matcher manifest = MANIFEST.matcher(page.body());
        assertThat(form.find()).as(page.body()).isTrue();
        assertThat(manifest.find()).as(page.body()).isTrue();
        return new Page(form.group(1), form.group(2), manifest.group(1).replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }

    @Test
    void theConfirmedManifestIsExchangedAndItsCredentialsStoredWithMode0600() throws Exception {
        start("127.0.0.1", false, false);
        Page page = page();
        JsonNode manifest = new ObjectMapper().readTree(page.manifest());
        assertThat(page.action()).isEqualTo(fake.url() + "/web/settings/apps/new");
        assertThat(manifest.at("/hook_attributes/url").asText()).isEqualTo("https://selfcode.example.test/");
        assertThat(manifest.path("redirect_url").asText()).isEqualTo(base() + "/setup/callback");
        assertThat(manifest.path("default_events").toString()).contains("\"push\"");

        String callback = fake.confirmManifest(page.manifest(), page.state());
        HttpResponse<String> done = get(callback);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Selfcode is registered").contains("installations/new");
        AppCredentials credentials = server.registered().get(5, TimeUnit.SECONDS);
        Path file = dataDir.resolve(AppCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, String> stored = AppCredentials.read(file);
        assertThat(stored).containsEntry("quarkus.github-app.app-id", String.valueOf(credentials.appId()))
                .containsEntry("quarkus.github-app.webhook-secret", credentials.webhookSecret());
        assertThat(stored.get("quarkus.github-app.private-key")).startsWith("-----BEGIN PRIVATE KEY-----")
                .doesNotContain("\n").isEqualTo(credentials.privateKeyPem().replace("\n", ""));
        assertThat(Files.readString(file)).contains("SELFCODE_GITHUB_APP_CLIENT_SECRET=" + credentials.clientSecret());
        try (var temps = Files.list(dataDir)) {
            assertThat(temps.map(p -> p.getFileName().toString())).containsExactly(AppCredentials.FILE_NAME);
        }

        // The same redirect again (a replay): its state is spent.
        HttpResponse<String> replay = get(callback);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("registered already");
    }

    @Test
    void aCallbackWithoutStateOrWithAReplayedOrWrongCodeIsRefusedWithAPage() throws Exception {
        start("127.0.0.1", false, false);

        HttpResponse<String> noState = get(base() + "/setup/callback?code=abc");
        assertThat(noState.statusCode()).isEqualTo(400);
        assertThat(noState.body()).contains("no valid setup state");

        Page first = page();
        HttpResponse<String> wrongCode = get(base() + "/setup/callback?code=not-a-code&state=" + first.state());
        assertThat(wrongCode.statusCode()).isEqualTo(400);
        assertThat(wrongCode.body()).contains("GitHub refused this code").contains("404");

        // The state of a refused attempt is spent too.
        String callback = fake.confirmManifest(first.manifest(), first.state());
        HttpResponse<String> replayedState = get(callback);
        assertThat(replayedState.statusCode()).isEqualTo(400);
        assertThat(replayedState.body()).contains("used already");

        // A code already exchanged is refused by GitHub, even with a fresh state.
        Page second = page();
        String code = callback.replaceAll(".*code=([^&]+).*", "$1");
        assertThat(new ManifestConversion(fake.url()).exchange(code).appId()).isPositive();
        HttpResponse<String> usedCode = get(base() + "/setup/callback?code=" + code + "&state=" + second.state());
        assertThat(usedCode.statusCode()).isEqualTo(400);
        assertThat(usedCode.body()).contains("GitHub refused this code");

        assertThat(server.registered()).isNotDone();
        assertThat(dataDir.resolve(AppCredentials.FILE_NAME)).doesNotExist();
    }

    @Test
    void printEnvPrintsTheSettingsAndWritesNoFile() throws Exception {
        start("127.0.0.1", false, true);
        Page page = page();

        assertThat(get(fake.confirmManifest(page.manifest(), page.state())).statusCode()).isEqualTo(200);

        AppCredentials credentials = server.registered().get(5, TimeUnit.SECONDS);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("QUARKUS_GITHUB_APP_APP_ID=" + credentials.appId() + "\n")
                .contains("QUARKUS_GITHUB_APP_WEBHOOK_SECRET=" + credentials.webhookSecret() + "\n")
                .contains("QUARKUS_GITHUB_APP_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----");
        assertThat(dataDir.resolve(AppCredentials.FILE_NAME)).doesNotExist();
    }

    @Test
    void aPageAskedForUnderAnotherHostNameGets403() throws Exception {
        start("127.0.0.1", false, false);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /setup HTTP/1.1\r\nHost: rebound.example.test:%d\r\nConnection: close\r\n\r\n"
                    .formatted(server.port()).getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("state=");
        }
        assertThat(SetupServer.loopbackName("localhost:8080")).isTrue();
        assertThat(SetupServer.loopbackName("127.0.0.1")).isTrue();
        assertThat(SetupServer.loopbackName("[::1]:8080")).isTrue();
        assertThat(SetupServer.loopbackName("127.0.0.1.rebound.example")).isFalse();
    }

    @Test
    void anotherHostGets403UnlessSetupPublic() throws Exception {
        InetAddress other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        Assumptions.assumeTrue(other != null, "this machine has no non-loopback IPv4 address");
        String url = "http://" + other.getHostAddress() + ":%d/setup";

        start(other.getHostAddress(), false, false);
        HttpResponse<String> refused = get(url.formatted(server.port()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("--setup-public");
        assertThat(get(url.formatted(server.port()) + "/callback?code=x&state=y").statusCode()).isEqualTo(403);
        server.close();

        start(other.getHostAddress(), true, false);
        HttpResponse<String> open = get(url.formatted(server.port()));
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains("https://selfcode.example.test/setup/callback");
    }
}
