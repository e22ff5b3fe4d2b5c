package dev.selfcode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** Answers one smart-HTTP request and returns its status. */
    int handle(HttpExchange exchange, String owner, String name, String rest) throws IOException {
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
            return plain(exchange, 404, "Not Found");
        }
        if (!UPLOAD.equals(service) && !RECEIVE.equals(service)) {
            // Only the smart protocol is served; a dumb client gets a clear refusal.
            return plain(exchange, 403, "The fake GitHub serves only git's smart HTTP protocol");
        }
        HostedRepo repo = state.repo(owner, name);
        boolean write = RECEIVE.equals(service);
        Long installation = installation(exchange.getRequestHeaders().getFirst("Authorization"));
        if (installation == null && (write || repo == null || repo.privateRepo)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"GitHub\"");
            return plain(exchange, 401, "Invalid username or token. Password authentication is not supported");
        }
        if (repo == null || installation != null && installation != repo.installationId) {
            return plain(exchange, 404, "Repository not found.");
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("Content-Type",
                "application/x-" + service + (advertise ? "-advertisement" : "-result"));
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody(); InputStream in = body(exchange)) {
            if (write) {
                receive(repo, advertise, in, out);
            } else {
                upload(repo, advertise, in, out);
            }
        }
        return 200;
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

    private static int plain(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }
}
