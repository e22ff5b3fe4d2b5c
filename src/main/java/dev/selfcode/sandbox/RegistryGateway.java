package dev.selfcode.sandbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.logging.Logger;

/**
 * The only way out of the dependency phase's network: a small HTTP server on the network's gateway IP that
 * serves the configured registries as plain-HTTP mirrors ({@code /maven2/...} for Maven, {@code /simple/...} and
 * {@code /files/<registry>/...} for PyPI, every other path for npm) and refuses everything else. TLS and
 * credentials live here, on the host: containers need no CA bundle and never see a token. Proxy requests (a
 * {@code CONNECT} or an absolute URL, which the tools send for any other host because the phase points their
 * proxy settings here) are refused and their host recorded, so the evaluation can name it. One gateway per
 * phase run, so its log is that run's traffic.
 */
final class RegistryGateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RegistryGateway.class);
    private static final int MAX_HEAD = 64 * 1024;
    /** Index pages are rewritten in memory (their links must point back here); larger ones are refused. */
    private static final int MAX_REWRITTEN = 64 << 20;

    private final ServerSocket server;
    private final List<Registry> registries;
    private final Optional<Path> seededMaven;
    private final Path logFile;
    private final HttpClient client;
    private final ExecutorService pool;
    private final Set<String> refused = new ConcurrentSkipListSet<>();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();

    private RegistryGateway(ServerSocket server, List<Registry> registries, Optional<Path> seededMaven,
            Optional<Path> caBundle, Path logFile) {
        this.server = server;
        this.registries = List.copyOf(registries);
        this.seededMaven = seededMaven.filter(Files::isDirectory);
        this.logFile = logFile;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).proxy(ProxySelector.getDefault())
                .sslContext(sslContext(caBundle)).build();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "selfcode-registry-gateway");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Listens on {@code bind} (an ephemeral port) until closed.
     *
     * @param logFile where every request is appended (shared by all gateways), also kept in memory per gateway
     */
    static RegistryGateway start(InetAddress bind, List<Registry> registries, Optional<Path> seededMaven,
            Optional<Path> caBundle, Path logFile) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, 0), 128);
        RegistryGateway gateway = new RegistryGateway(server, registries, seededMaven, caBundle, logFile);
        gateway.pool.execute(gateway::accept);
        return gateway;
    }

    /** {@code http://ip:port}, as the container sees it. */
    String base() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** Hosts the phase tried to reach that are not allowed registries, sorted. */
    List<String> refusedHosts() {
        return List.copyOf(refused);
    }

    /** How many requests reached the gateway (allowed or not). */
    int requests() {
        return requests.get();
    }

    /** This gateway's log lines, oldest first. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                pool.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warnf("registry gateway: %s", e.getMessage());
                }
            } catch (RuntimeException e) {
                return; // the pool was shut down
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            requests.incrementAndGet();
            String[] line = head.get(0).split(" ");
            if (line.length != 3) {
                reply(out, 400, "bad request line\n");
                return;
            }
            String method = line[0].toUpperCase(Locale.ROOT);
            String target = line[1];
            if (method.equals("CONNECT")) {
                refuse(out, hostOf("//" + target), head.get(0));
            } else if (target.startsWith("http://") || target.startsWith("https://")) {
                refuse(out, hostOf(target), head.get(0));
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                record("REFUSED " + head.get(0) + " (only GET and HEAD are forwarded)");
                reply(out, 405, "the registry gateway forwards only GET and HEAD\n");
            } else {
                forward(out, method, target, header(head, "accept"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("registry gateway connection: %s", e.getMessage());
        }
    }

    private void refuse(OutputStream out, String host, String requestLine) throws IOException {
        refused.add(host);
        record("REFUSED " + requestLine + " (" + host + " is not an allowed registry)");
        reply(out, 403, "Selfcode's registry gateway refuses " + host + ": not an allowed registry"
                + " (selfcode.deps.registries)\n");
    }

    private void forward(OutputStream out, String method, String target, String accept) throws IOException {
        if (target.contains("..") || !target.startsWith("/")) {
            reply(out, 400, "bad path\n");
            return;
        }
        List<URI> candidates = new ArrayList<>();
        Registry.Type type;
        String rest;
        if (target.startsWith("/maven2/")) {
            type = Registry.Type.MAVEN;
            rest = target.substring("/maven2/".length());
            Optional<Path> seeded = seeded(rest);
            if (seeded.isPresent()) {
                record("SEEDED " + method + " " + target);
                sendFile(out, method, seeded.get());
                return;
            }
            registries.stream().filter(r -> r.type() == type).forEach(r -> candidates.add(r.url().resolve(rest)));
        } else if (target.startsWith("/files/")) {
            type = Registry.Type.PYPI;
            String tail = target.substring("/files/".length());
            int slash = tail.indexOf('/');
            String name = slash < 0 ? tail : tail.substring(0, slash);
            rest = slash < 0 ? "" : tail.substring(slash + 1);
            registries.stream().filter(r -> r.name().equals(name) && r.files().isPresent())
                    .forEach(r -> candidates.add(r.files().get().resolve(rest)));
        } else if (target.startsWith("/simple/")) {
            type = Registry.Type.PYPI;
            rest = target.substring("/simple/".length());
            registries.stream().filter(r -> r.type() == type).forEach(r -> candidates.add(r.url().resolve(rest)));
        } else {
            type = Registry.Type.NPM;
            rest = target.substring(1);
            for (Registry r : registries) {
                if (r.type() == type) {
                    // npm re-points a lockfile's URL by host only, keeping a private registry's own path prefix.
                    String prefix = r.url().getRawPath();
                    candidates.add(r.url().resolve(prefix.length() > 1 && target.startsWith(prefix)
                            ? target.substring(prefix.length())
                            : rest));
                }
            }
        }
        if (candidates.isEmpty()) {
            record("REFUSED " + method + " " + target + " (no " + type.name().toLowerCase(Locale.ROOT)
                    + " registry is configured)");
            reply(out, 404, "no " + type.name().toLowerCase(Locale.ROOT) + " registry is configured\n");
            return;
        }
        HttpResponse<InputStream> response = null;
        URI used = null;
        for (URI uri : candidates) {
            response = fetch(method, uri, accept);
            used = uri;
            if (response.statusCode() != 404 && response.statusCode() != 410) {
                break;
            }
            if (uri != candidates.get(candidates.size() - 1)) {
                response.body().close();
            }
        }
        record(method + " " + target + " -> " + used + " " + response.statusCode());
        String contentType = response.headers().firstValue("content-type").orElse("application/octet-stream");
        boolean rewrite = method.equals("GET") && response.statusCode() == 200 && type != Registry.Type.MAVEN
                && (contentType.contains("json") || contentType.contains("html"));
        try (InputStream body = response.body()) {
            if (rewrite) {
                byte[] text = rewrite(readAtMost(body, MAX_REWRITTEN)).getBytes(StandardCharsets.UTF_8);
                writeHead(out, response.statusCode(), contentType, text.length);
                out.write(text);
            } else {
                long length = response.headers().firstValueAsLong("content-length").orElse(-1);
                writeHead(out, response.statusCode(), contentType, length);
                if (method.equals("GET")) {
                    body.transferTo(out);
                }
            }
            out.flush();
        }
    }

    private HttpResponse<InputStream> fetch(String method, URI uri, String accept) throws IOException {
        Registry registry = registries.stream().filter(r -> uri.toString().startsWith(r.url().toString())
                || r.files().map(f -> uri.toString().startsWith(f.toString())).orElse(false)).findFirst().orElseThrow();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        registry.authorization().ifPresent(a -> request.header("Authorization", a));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Points an index's links at this gateway: npm tarballs, PyPI files and index pages. */
    private String rewrite(String text) {
        for (Registry r : registries) {
            switch (r.type()) {
                case NPM -> text = text.replace(r.url().toString(), base() + "/");
                case PYPI -> {
                    if (r.files().isPresent()) {
                        text = text.replace(r.files().get().toString(), base() + "/files/" + r.name() + "/");
                    }
                    text = text.replace(r.url().toString(), base() + "/simple/");
                }
                case MAVEN -> {
                    // served as is
                }
            }
        }
        return text;
    }

    /** A file of the seeded offline Maven repository, which the phase then need not download. */
    private Optional<Path> seeded(String rest) {
        if (seededMaven.isEmpty() || rest.contains("?") || rest.contains("%") || rest.contains("maven-metadata")) {
            return Optional.empty();
        }
        Path file = seededMaven.get().resolve(rest).normalize();
        return file.startsWith(seededMaven.get()) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static void sendFile(OutputStream out, String method, Path file) throws IOException {
        writeHead(out, 200, "application/octet-stream", Files.size(file));
        if (method.equals("GET")) {
            Files.copy(file, out);
        }
        out.flush();
    }

    private void record(String entry) {
        String line = Instant.now() + " " + entry;
        log.add(line);
        if (logFile != null) {
            try {
                Files.createDirectories(logFile.getParent());
                Files.writeString(logFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.warnf("registry gateway cannot write its log %s: %s", logFile, e.getMessage());
            }
        }
        if (entry.startsWith("REFUSED")) {
            LOG.warnf("registry gateway: %s", entry);
        }
    }

    private static String hostOf(String target) {
        try {
            String host = URI.create(target).getHost();
            return host == null ? target : host;
        } catch (IllegalArgumentException e) {
            return target;
        }
    }

    private static String header(List<String> head, String name) {
        for (String h : head.subList(1, head.size())) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The request line and header lines, or empty when the client sent nothing. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int total = 0;
        for (int b; (b = in.read()) != -1;) {
            if (++total > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            if (b == '\n') {
                String line = current.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                current.reset();
                if (line.isEmpty()) {
                    return lines;
                }
                lines.add(line);
            } else {
                current.write(b);
            }
        }
        return lines;
    }

    private static void reply(OutputStream out, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        writeHead(out, status, "text/plain; charset=utf-8", body.length);
        out.write(body);
        out.flush();
    }

    /** One response per connection, so a length-less body simply ends when the connection closes. */
    private static void writeHead(OutputStream out, int status, String contentType, long length) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(contentType).append("\r\nConnection: close\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Status";
        };
    }

    private static String readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IOException("index page larger than " + (limit >> 20) + " MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** TLS trusting the configured CA bundle (and nothing else); the JVM's default without one. */
    private static SSLContext sslContext(Optional<Path> caBundle) {
        try {
            if (caBundle.isEmpty() || !Files.isRegularFile(caBundle.get())) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caBundle.get())) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CA bundle " + caBundle.orElse(null) + ": "
                    + e.getMessage(), e);
        }
    }
}
