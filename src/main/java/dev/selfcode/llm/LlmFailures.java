package dev.selfcode.llm;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkiverse.langchain4j.openai.common.OpenAiApiException;

import dev.langchain4j.exception.HttpException;
import dev.selfcode.failure.FailureClassifier;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.text.Text;

/**
 * Words what the LLM client threw as a {@link StageFailure} a maintainer can act on (which setting to check).
 * The kind (outages retry, configuration mistakes do not) is decided by the one {@link FailureClassifier}.
 */
final class LlmFailures {

    private static final int MAX_BODY_EXCERPT = 300;

    private final String baseUrl;
    private final Optional<Duration> timeout;
    private final SecretScanner secrets;

    LlmFailures(String baseUrl, Optional<Duration> timeout, SecretScanner secrets) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.secrets = secrets;
    }

    /** Error bodies sometimes echo the API key: nothing leaves here unredacted. */
    StageFailure classify(Throwable thrown) {
        StageFailure raw = classifyRaw(thrown);
        return new StageFailure(raw.kind(), secrets.redact(raw.getMessage()), secrets.redact(raw.detail()), thrown);
    }

    private StageFailure classifyRaw(Throwable thrown) {
        Integer status = httpStatus(thrown);
        if (status != null) {
            return forStatus(status, thrown);
        }
        if (FailureClassifier.isUnreachable(thrown)) {
            String message = find(thrown, UnknownHostException.class) != null
                    ? "LLM endpoint host of " + baseUrl
                            + " could not be resolved; check SELFCODE_LLM_BASE_URL (quarkus.langchain4j.openai.base-url)"
                    : "LLM endpoint " + baseUrl + " refused the connection";
            return new StageFailure(FailureKind.TRANSIENT, message, describe(thrown), thrown);
        }
        if (FailureClassifier.isTimeout(thrown)) {
            String limit = timeout.map(t -> " within " + t.toSeconds() + "s").orElse(" in time");
            return new StageFailure(FailureKind.TRANSIENT, "LLM endpoint did not answer" + limit
                    + " (SELFCODE_LLM_TIMEOUT, quarkus.langchain4j.openai.timeout)", describe(thrown), thrown);
        }
        if (isUnreadableAnswer(thrown)) {
            return new StageFailure(FailureKind.TRANSIENT,
                    "LLM endpoint sent an answer that is not valid chat-completion JSON", describe(thrown), thrown);
        }
        return new StageFailure(FailureKind.INTERNAL, "LLM call failed: " + describe(thrown), describe(thrown),
                thrown);
    }

    private StageFailure forStatus(int status, Throwable thrown) {
        String body = excerpt(bodyOf(thrown));
        String answered = "LLM endpoint answered HTTP " + status;
        FailureKind kind = FailureClassifier.ofHttpStatus(status);
        if (status == 429) {
            return new StageFailure(kind, answered + " (rate limited)", body, thrown);
        }
        if (kind == FailureKind.TRANSIENT) {
            return new StageFailure(kind, answered, body, thrown);
        }
        if (status == 401 || status == 403) {
            return new StageFailure(kind, answered
                    + ": the API key was refused; check SELFCODE_LLM_API_KEY (quarkus.langchain4j.openai.api-key)",
                    body, thrown);
        }
        if (status == 404) {
            return new StageFailure(kind, answered + ": unknown model or path; check SELFCODE_LLM_MODEL"
                    + " (quarkus.langchain4j.openai.chat-model.model-name) and SELFCODE_LLM_BASE_URL (now " + baseUrl
                    + ")", body, thrown);
        }
        return new StageFailure(kind, answered + ": " + body, body, thrown);
    }

    private static Integer httpStatus(Throwable thrown) {
        HttpException http = find(thrown, HttpException.class);
        if (http != null) {
            return http.statusCode();
        }
        WebApplicationException web = find(thrown, WebApplicationException.class);
        if (web != null && web.getResponse() != null) {
            return web.getResponse().getStatus();
        }
        return null;
    }

    private static String bodyOf(Throwable thrown) {
        HttpException http = find(thrown, HttpException.class);
        return http != null ? http.getMessage() : thrown.getMessage();
    }

    /**
     * Broken JSON, a body of the wrong shape, or an empty body: the client fails while reading the answer,
     * sometimes only with a NullPointerException inside the OpenAI response mapping.
     */
    private static boolean isUnreadableAnswer(Throwable thrown) {
        if (find(thrown, JsonProcessingException.class) != null || find(thrown, OpenAiApiException.class) != null) {
            return true;
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof NullPointerException || t instanceof IllegalArgumentException) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith("dev.langchain4j.model.openai")) {
                        return true;
                    }
                }
            }
            if (t instanceof ProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        return FailureClassifier.find(thrown, type);
    }

    private static String describe(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = thrown.getClass().getSimpleName() + ": " + excerpt(thrown.getMessage());
        return root == thrown
                ? top
                : top + " (cause: " + root.getClass().getSimpleName() + ": "
                        + excerpt(root.getMessage()) + ")";
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        return Text.shorten(text.replaceAll("\\s+", " ").strip(), MAX_BODY_EXCERPT, "...");
    }
}
