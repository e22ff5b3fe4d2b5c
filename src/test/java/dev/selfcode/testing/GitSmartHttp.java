package dev.selfcode.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;

import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import com.sun.net.httpserver.HttpExchange;

/**
 * Git's smart HTTP protocol (v0) for the hosted repositories, on JGit's UploadPack and ReceivePack. Like GitHub for
 * an app, it takes HTTP Basic {@code x-access-token:<installation token>}; pushes always need it, fetches need it
 * for private repositories (the default).
 */
final class GitSmartHttp {

    private static final String UPLOAD = "git-upload-pack";
    private static final String RECEIVE = "git-receive-pack";

    private final FakeState state;
    final List<FakePush> pushes = new CopyOnWriteArrayList<>();

    GitSmartHttp(FakeState state) {
        this.state = state;
    }

    /** Answers one smart-HTTP request; {@code record} gets its status just before the answer goes out. */
    void handle(HttpExchange exchange, String owner, String name, String rest, IntConsumer record) throws IOException {
        String method = exchange.getRequestMethod();
        String service;
        boolean advertise;
        if (rest.equals("info/refs") && method.equals("GET")) {
            service = FakeExchange.parseQuery(exchange.getRequestURI().getRawQuery()).get("service");
            advertise = true;
        } else if ((rest.equals(UPLOAD) || rest.equals(RECEIVE)) && method.equals("POST")) {
            service = rest;
            advertise = false;
        } else {
            plain(exchange, 404, "Not Found", record);
            return;
        }
        if (!UPLOAD.equals(service) && !RECEIVE.equals(service)) {
            // Only the smart protocol is served; a dumb client gets a clear refusal.
            plain(exchange, 403, "The fake GitHub serves only git's smart HTTP protocol", record);
            return;
        }
        HostedRepo repo = state.repo(owner, name);
        boolean write = RECEIVE.equals(service);
        Long installation = installation(exchange.getRequestHeaders().getFirst("Authorization"));
        if (installation == null && (write || repo == null || repo.privateRepo)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"GitHub\"");
            plain(exchange, 401, "Invalid username or token. Password authentication is not supported", record);
            return;
        }
        if (repo == null || installation != null && installation != repo.installationId) {
            plain(exchange, 404, "Repository not found.", record);
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("Content-Type",
                "application/x-" + service + (advertise ? "-advertisement" : "-result"));
        record.accept(200);
        if (write && !advertise) {
            // The push report is held back until the post-receive hook has run, so that pushes() already shows
            // the push when the client learns it succeeded.
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            try (InputStream in = body(exchange)) {
                receive(repo, false, in, report);
            }
            exchange.sendResponseHeaders(200, report.size() == 0 ? -1 : report.size());
            try (OutputStream out = exchange.getResponseBody()) {
                report.writeTo(out);
            }
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody(); InputStream in = body(exchange)) {
            if (write) {
                receive(repo, true, in, out);
            } else {
                upload(repo, advertise, in, out);
            }
        }
    }

    private static void upload(HostedRepo repo, boolean advertise, InputStream in, OutputStream out) throws IOException {
        UploadPack pack = new UploadPack(repo.git.repository());
        pack.setBiDirectionalPipe(false);
        if (advertise) {
            PacketLineOut lines = new PacketLineOut(out);
            lines.writeString("# service=" + UPLOAD + "\n");
            lines.end();
            pack.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(lines));
        } else {
            pack.upload(in, out, null);
        }
    }

    private void receive(HostedRepo repo, boolean advertise, InputStream in, OutputStream out) throws IOException {
        ReceivePack pack = new ReceivePack(repo.git.repository());
        pack.setBiDirectionalPipe(false);
        if (advertise) {
            PacketLineOut lines = new PacketLineOut(out);
            lines.writeString("# service=" + RECEIVE + "\n");
            lines.end();
            pack.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(lines));
            return;
        }
        pack.setPostReceiveHook((rp, commands) -> {
            for (ReceiveCommand command : commands) {
                if (command.getResult() == ReceiveCommand.Result.OK) {
                    pushes.add(new FakePush(repo.fullName(), command.getRefName(), command.getOldId().name(),
                            command.getNewId().name()));
                }
            }
        });
        pack.receive(in, out, null);
    }

    /** The installation of a Basic {@code x-access-token:<token>} credential; null when absent or invalid. */
    private Long installation(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals("x-access-token")) {
            return null;
        }
        FakeState.Grant grant = state.grant(decoded.substring(colon + 1));
        return grant == null ? null : grant.installationId();
    }

    private static InputStream body(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = exchange.getRequestBody();
        return encoding != null && encoding.toLowerCase().contains("gzip") ? new GZIPInputStream(in) : in;
    }

    private static void plain(HttpExchange exchange, int status, String message, IntConsumer record)
            throws IOException {
        exchange.getRequestBody().readAllBytes();
        record.accept(status);
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
