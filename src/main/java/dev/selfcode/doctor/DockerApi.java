package dev.selfcode.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

/**
 * The few Docker Engine API calls the doctor makes, through docker-java's transport (the one Testcontainers uses,
 * unix sockets included), with a connect and a response timeout.
 */
final class DockerApi {

    /** An answer: the HTTP status and the body. */
    record Answer(int status, String body) {
    }

    private final URI host;
    private final Duration timeout;

    DockerApi(URI host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    URI host() {
        return host;
    }

    /** GETs {@code path}; throws when the engine cannot be reached. */
    Answer get(String path) {
        try (DockerHttpClient client = new ZerodepDockerHttpClient.Builder().dockerHost(host)
                .connectionTimeout(timeout).responseTimeout(timeout).maxConnections(2).build()) {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET).path(path).build();
            try (DockerHttpClient.Response response = client.execute(request);
                    InputStream body = response.getBody()) {
                return new Answer(response.getStatusCode(),
                        body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
