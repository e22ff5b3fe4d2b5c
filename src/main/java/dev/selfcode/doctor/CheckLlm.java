package dev.selfcode.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAI-compatible endpoint, when one is configured: it lists the configured model, or (endpoints without
 * {@code GET /models}) answers a one-token chat request with it.
 */
final class CheckLlm implements Check {

    static final String FIX = "start the endpoint, or set SELFCODE_LLM_BASE_URL, SELFCODE_LLM_API_KEY and"
            + " SELFCODE_LLM_MODEL to one that answers";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmEndpoint llm;
    private final Duration timeout;

    CheckLlm(LlmEndpoint llm, Duration timeout) {
        this.llm = llm;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public CheckResult run() {
        if (!llm.configured()) {
            return CheckResult.skip(name(), "no LLM configured: code comes from templates",
                    "set SELFCODE_LLM_BASE_URL (and SELFCODE_LLM_API_KEY) to use one");
        }
        String base = llm.baseUrl().replaceAll("/+$", "");
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> models = client.send(request(base + "/models").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (models.statusCode() == 200 && listed(models.body())) {
                return CheckResult.ok(name(), "model " + llm.model() + " listed at " + base);
            }
            if (models.statusCode() == 401 || models.statusCode() == 403) {
                return refused(base, models.statusCode());
            }
            // no model list (or the model is not in it, as with some proxies): ask the model itself
            String body = JSON.writeValueAsString(Map.of("model", llm.model(), "max_tokens", 1,
                    "messages", java.util.List.of(Map.of("role", "user", "content", "Say OK."))));
            HttpResponse<String> chat = client.send(request(base + "/chat/completions")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (chat.statusCode() == 200) {
                return CheckResult.ok(name(), "model " + llm.model() + " answered at " + base);
            }
            if (chat.statusCode() == 401 || chat.statusCode() == 403) {
                return refused(base, chat.statusCode());
            }
            return CheckResult.fail(name(), base + " answered HTTP " + chat.statusCode() + " to a one-token request"
                    + " for model " + llm.model() + message(chat.body()), FIX);
        } catch (java.net.http.HttpTimeoutException e) {
            return CheckResult.fail(name(), base + " did not answer within " + timeout.toSeconds() + " s", FIX);
        } catch (IOException e) {
            return CheckResult.fail(name(), "cannot reach " + base + ": " + Cause.of(e), FIX);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name(), "interrupted", FIX);
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(name(), "not a URL: " + base, FIX);
        }
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (llm.apiKey() != null && !llm.apiKey().isBlank() && !"none".equals(llm.apiKey())) {
            b.header("Authorization", "Bearer " + llm.apiKey());
        }
        return b;
    }

    private CheckResult refused(String base, int status) {
        return CheckResult.fail(name(), base + " refused the API key (HTTP " + status + ")",
                "set SELFCODE_LLM_API_KEY to a key the endpoint accepts");
    }

    private boolean listed(String body) {
        try {
            for (JsonNode model : JSON.readTree(body).path("data")) {
                if (llm.model().equals(model.path("id").asText())) {
                    return true;
                }
            }
        } catch (IOException e) {
            // not a model list: the chat request decides
        }
        return false;
    }

    /** The endpoint's own error message, when it gave one. */
    private static String message(String body) {
        try {
            String m = JSON.readTree(body).path("error").path("message").asText("");
            return m.isBlank() ? "" : ": " + m.strip().lines().findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
