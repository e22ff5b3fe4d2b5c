package dev.selfcode.health;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP port on loopback forwarding to a Docker engine's unix socket, which a test can cut and restore: the engine
 * "goes away" for whoever uses the port, while the shared engine itself is never touched.
 */
final class SocketProxy implements Closeable {

    private final int port;
    private final Path socket;
    private final Set<Closeable> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    SocketProxy(int port, Path socket) {
        this.port = port;
        this.socket = socket;
    }

    /** A free loopback port now (another process could take it before the proxy opens; unlikely here). */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts forwarding. */
    void open() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        daemon(() -> accept(listening));
    }

    /** Stops forwarding: the port refuses connections and the open ones are closed. */
    void cut() throws IOException {
        ServerSocket listening = server;
        if (listening != null) {
            listening.close();
        }
        for (Closeable c : connections) {
            c.close();
        }
        connections.clear();
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                connections.add(client);
                connections.add(engine);
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                daemon(() -> copy(fromClient, engine));
                daemon(() -> copy(engine, toClient));
            } catch (IOException e) {
                return; // cut
            }
        }
    }

    private static void copy(InputStream from, SocketChannel to) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = from.read(buffer)) >= 0;) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    to.write(chunk);
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side went away: nothing to forward
        }
    }

    private static void copy(SocketChannel from, OutputStream to) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (from.read(buffer) >= 0) {
                to.write(buffer.array(), 0, buffer.position());
                to.flush();
                buffer.clear();
            }
            to.close();
        } catch (IOException e) {
            // the other side went away: nothing to forward
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "socket-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
