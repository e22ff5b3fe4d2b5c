package dev.selfcode.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An npm registry and a PyPI simple index served over HTTP on this machine, with packages built in the test
 * (npm tarballs with their package.json metadata, wheels), counting every request it answers.
 */
final class LocalRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final java.util.Set<String> authorizations = ConcurrentHashMap.newKeySet();

    LocalRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** This server as an npm registry for the gateway. */
    Registry npm() {
        return new Registry("local-npm", Registry.Type.NPM, URI.create(base() + "npm/"), Optional.empty(),
                Optional.empty());
    }

    /** This server as a PyPI index whose files live under {@code /files/}. */
    Registry pypi() {
        return new Registry("local-pypi", Registry.Type.PYPI, URI.create(base() + "simple/"),
                Optional.of(URI.create(base() + "files/")), Optional.empty());
    }

    /** Publishes an npm package with one version whose {@code index.js} is {@code code}. */
    void npmPackage(String name, String version, String code) {
        String packageJson = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"main\":\"index.js\"}";
        byte[] tgz = tgz(Map.of("package/package.json", packageJson, "package/index.js", code));
        String tarball = base() + "npm/" + name + "/-/" + name + "-" + version + ".tgz";
        files.put("/npm/" + name + "/-/" + name + "-" + version + ".tgz", tgz);
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", tgz));
        String shasum = HexFormat.of().formatHex(digest("SHA-1", tgz));
        texts.put("/npm/" + name, """
                {"name":"%s","dist-tags":{"latest":"%s"},"versions":{"%s":{"name":"%s","version":"%s",
                "dist":{"tarball":"%s","integrity":"%s","shasum":"%s"}}}}""".formatted(name, version, version, name,
                version, tarball, integrity, shasum));
    }

    /** Publishes a pure-Python wheel holding module {@code module} with {@code code}. */
    void wheel(String project, String version, String module, String code) {
        String dist = project.replace('-', '_') + "-" + version;
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(module + ".py", code);
        entries.put(dist + ".dist-info/METADATA", "Metadata-Version: 2.1\nName: " + project + "\nVersion: " + version
                + "\n");
        entries.put(dist + ".dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: selfcode-test\nRoot-Is-Purelib: true\n"
                + "Tag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
            record.append(e.getKey()).append(",sha256=").append(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(digest("SHA-256", b))).append(',').append(b.length).append('\n');
        }
        entries.put(dist + ".dist-info/RECORD", record.append(dist).append(".dist-info/RECORD,,\n").toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = dist + "-py3-none-any.whl";
        files.put("/files/" + file, bytes.toByteArray());
        String sha = HexFormat.of().formatHex(digest("SHA-256", bytes.toByteArray()));
        texts.put("/simple/" + project + "/", "<!DOCTYPE html><html><body><a href=\"" + base() + "files/" + file
                + "#sha256=" + sha + "\">" + file + "</a></body></html>");
    }

    /** Requests answered for {@code path} (200 or 404). */
    int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    /** The Authorization headers requests carried ("none" for none). */
    java.util.Set<String> authorizations() {
        return authorizations;
    }

    int requests() {
        return total.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().replace("%2f", "/").replace("%2F", "/");
        total.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "none" : auth);
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] body;
        String type;
        if (files.containsKey(path)) {
            body = files.get(path);
            type = "application/octet-stream";
        } else if (texts.containsKey(path)) {
            body = texts.get(path).getBytes(StandardCharsets.UTF_8);
            type = path.startsWith("/simple/") ? "text/html" : "application/json";
        } else {
            body = "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gzipped ustar archive of regular files, as npm packs them. */
    static byte[] tgz(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                gz.write(tarHeader(e.getKey(), content.length));
                gz.write(content);
                gz.write(new byte[(512 - content.length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarHeader(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0L));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}
