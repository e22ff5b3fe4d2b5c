package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.safety.SecretScanner;

/** The classifier on its own, for failures the stub cannot produce while it serves other tests. */
class LlmFailuresTest {

    private final LlmFailures failures = new LlmFailures("http://127.0.0.1:9/v1", Optional.of(Duration.ofSeconds(60)),
            new SecretScanner());

    @Test
    void aRefusedConnectionIsTransientAndNamesTheEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        IOException refused = null;
        try (Socket ignored = new Socket("127.0.0.1", closedPort)) {
            // nothing listens there any more
        } catch (IOException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();

        StageFailure failure = failures.classify(new ProcessingException(refused));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("LLM endpoint http://127.0.0.1:9/v1 refused the connection");
    }

    @Test
    void serverErrorsAreTransientWithTheBodyAsDetail() {
        StageFailure failure = failures.classify(new InternalServerException(new HttpException(502, "bad gateway")));

        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("LLM endpoint answered HTTP 502");
        assertThat(failure.detail()).isEqualTo("bad gateway");
    }

    @Test
    void otherClientErrorsAreInternal() {
        StageFailure failure = failures.classify(new HttpException(400, "{\"error\":\"context_length_exceeded\"}"));

        assertThat(failure.kind()).isEqualTo(FailureKind.INTERNAL);
        assertThat(failure.getMessage()).contains("HTTP 400").contains("context_length_exceeded");
    }

    @Test
    void unknownFailuresAreInternalAndRedacted() {
        String key = "sk-" + "Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9X";
        StageFailure failure = failures.classify(new IllegalStateException("bad key " + key));

        assertThat(failure.kind()).isEqualTo(FailureKind.INTERNAL);
        assertThat(failure.getMessage()).startsWith("LLM call failed: IllegalStateException").doesNotContain(key);
    }
}
