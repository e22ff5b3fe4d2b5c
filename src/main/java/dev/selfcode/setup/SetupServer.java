package dev.selfcode.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;

/**
 * The small server {@code serve} runs instead of the App while it has no App credentials: {@code /setup} shows a
 * button that posts Selfcode's manifest to GitHub with a one-time state, and {@code /setup/callback} exchanges the
 * code GitHub redirects back with, stores (or prints) the credentials and completes {@link #registered()}. It
 * answers loopback clients only, unless {@code --setup-public}.
 */
final class SetupServer implements AutoCloseable {

    private static final Engine QUTE = Engine.builder().addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).build();
    private static final Template START = template("start");
    private static final Template DONE = template("done");
    private static final Template REFUSED = template("refused");

    private final SetupSettings settings;
    private final PrintStream out;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "selfcode-setup");
        thread.setDaemon(true);
        return thread;
    });
    private final SetupState states = new SetupState();
    private final ManifestConversion conversion;
    private final CompletableFuture<AppCredentials> registered = new CompletableFuture<>();

    private SetupServer(SetupSettings settings, PrintStream out) throws IOException {
        this.settings = settings;
        this.out = out;
        this.conversion = new ManifestConversion(settings.apiUrl());
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    static SetupServer start(SetupSettings settings, PrintStream out) throws IOException {
        SetupServer setup = new SetupServer(settings, out);
        setup.server.start();
        return setup;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Completes with the new App's credentials once they are stored (or printed). */
    CompletableFuture<AppCredentials> registered() {
        return registered;
    }

    private void handle(HttpExchange exchange) throws IOException {
        AppCredentials stored = null;
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            // Anything else, a webhook delivery above all, gets 503: GitHub retries it, nothing is lost silently.
            boolean get = "GET".equals(exchange.getRequestMethod());
            boolean page = get && (path.equals("/") || path.equals("/setup") || path.equals("/setup/"));
            boolean callback = get && path.equals("/setup/callback");
            if (!page && !callback) {
                send(exchange, 503, "text/plain", "Selfcode is waiting for its GitHub App registration: open /setup"
                        + " on this server (from this machine).\n");
                return;
            }
            if (!settings.setupPublic() && (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()
                    || !loopbackName(exchange.getRequestHeaders().getFirst("Host")))) {
                send(exchange, 403, "text/plain", "The setup page answers only on this machine (loopback); start"
                        + " selfcode serve with --setup-public to open it to other hosts.\n");
                return;
            }
            if (registered.isDone()) {
                refuse(exchange, 409, "This server is registered already; it is starting as the GitHub App.");
            } else if (page) {
                start(exchange);
            } else {
                stored = callback(exchange);
            }
        }
        // Only once the callback's page has gone out (closing the exchange sends it): the server stops next.
        if (stored != null) {
            registered.complete(stored);
        }
    }

    private void start(HttpExchange exchange) throws IOException {
        Optional<String> publicUrl = settings.publicUrl();
        String callbackUrl = (settings.setupPublic() && publicUrl.isPresent()
                ? trimSlash(publicUrl.get())
                : "http://" + Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                        .orElse("localhost:" + port()))
                + "/setup/callback";
        String org = query(exchange).getOrDefault("org", "");
        if (!org.matches("[A-Za-z0-9-]*")) {
            refuse(exchange, 400, "Not an organisation name: " + org);
            return;
        }
        String github = trimSlash(settings.githubUrl());
        String action = (org.isEmpty() ? github : github + "/organizations/" + org) + "/settings/apps/new";
        String manifest = publicUrl.map(url -> AppManifest.json(AppManifest.forServer(url, settings.webhookPath(),
                callbackUrl))).orElse("");
        String state = publicUrl.isPresent() ? states.issue() : "";
        send(exchange, 200, "text/html", START.data("action", action).data("state", state).data("manifest", manifest)
                .data("publicUrl", publicUrl.orElse("")).data("org", org).data("github", github).render());
    }

    /** The new App's credentials once stored (or printed) and answered with the done page; null when refused. */
    private AppCredentials callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        if (!states.consume(query.get("state"))) {
            refuse(exchange, 400, "This callback carries no valid setup state: it was used already, has expired, or"
                    + " did not come from this server's setup page. Nothing was registered here; start again.");
            return null;
        }
        String code = query.getOrDefault("code", "");
        if (code.isBlank()) {
            refuse(exchange, 400, "GitHub's redirect carries no code; start again.");
            return null;
        }
        AppCredentials credentials;
        try {
            credentials = conversion.exchange(code);
        } catch (ManifestConversion.Refused e) {
            refuse(exchange, 400, "GitHub refused this code: " + e.getMessage() + ". A code works once and for an"
                    + " hour; start again.");
            return null;
        } catch (IOException e) {
            refuse(exchange, 502, "Could not reach GitHub at " + settings.apiUrl() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(exchange, 503, "Interrupted");
            return null;
        }
        String stored;
        if (settings.printEnv()) {
            credentials.envLines().forEach(out::println);
            stored = "printed on the server's standard output (--print-env); keep them in your secret store";
        } else {
            Path file = credentials.write(settings.dataDir());
            out.println("selfcode: GitHub App " + credentials.slug() + " registered; credentials in " + file);
            stored = "written to " + file + " (mode 0600)";
        }
        send(exchange, 200, "text/html", DONE.data("slug", credentials.slug()).data("htmlUrl", credentials.htmlUrl())
                .data("appId", String.valueOf(credentials.appId())).data("stored", stored).render());
        return credentials;
    }

    private void refuse(HttpExchange exchange, int status, String reason) throws IOException {
        out.println("selfcode: setup " + exchange.getRequestURI().getPath() + " refused (" + status + "): " + reason);
        send(exchange, status, "text/html", REFUSED.data("reason", reason).render());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /**
     * Whether a Host header names this machine: a web page elsewhere that makes the browser resolve its own name to
     * 127.0.0.1 (DNS rebinding) must not read the page's state.
     */
    static boolean loopbackName(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return name.equalsIgnoreCase("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Template template(String name) {
        try (InputStream in = SetupServer.class.getResourceAsStream("/setup/" + name + ".html")) {
            if (in == null) {
                throw new IllegalStateException("missing template setup/" + name + ".html");
            }
            return QUTE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Variant.forContentType(Variant.TEXT_HTML));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(1); // lets the last page (the callback's) finish
        executor.shutdownNow();
    }
}
