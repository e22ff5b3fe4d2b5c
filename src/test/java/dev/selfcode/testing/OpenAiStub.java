package dev.selfcode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OpenAI-compatible chat endpoint for tests, answering from a scripted FIFO queue.
 *
 * <p>
 * It listens on 127.0.0.1 at a random port and answers {@code POST /v1/chat/completions} (and
 * {@code /chat/completions}). Each request takes the next scripted reply; with none left it answers HTTP 500
 * with a message saying so, so a test that forgot to script a reply fails loudly. Every request body is
 * recorded so a test can assert what the prompt contained.
 *
 * <pre>
 * stub.answer("```python\ndef f():\n    return 1\n```");   // a normal chat.completion
 * stub.fail(500, "{\"error\":{\"message\":\"boom\"}}");      // an HTTP error
 * stub.delay(Duration.ofSeconds(10), "too late");             // slower than the client's timeout
 * stub.malformed("{not json");                                // HTTP 200 with a broken body
 * stub.requests();                                            // request bodies seen, oldest first
 * stub.lastPrompt();                                          // message texts of the newest request
 * </pre>
 *
 * In a {@code @QuarkusTest}, use {@link OpenAiStubResource} and {@link OpenAiStubResource#stub()}.
 */
public final class OpenAiStub implements AutoCloseable {

    /** The model name every scripted answer reports. */
    public static final String MODEL = "stub-gpt-1";
    /** Usage every {@link #answer(String)} reports. */
    public static final int PROMPT_TOKENS = 321;
    public static final int COMPLETION_TOKENS = 54;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private record Reply(int status, String body, Duration delay) {
    }

    private OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a stub on 127.0.0.1 at a free port. */
    public static OpenAiStub start() {
        try {
            return new OpenAiStub();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the OpenAI stub", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}, the value for {@code quarkus.langchain4j.openai.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts a normal chat.completion whose message content is {@code content}, with usage and model. */
    public synchronized OpenAiStub answer(String content) {
        script.add(new Reply(200, completion(content, true), Duration.ZERO));
        return this;
    }

    /** Like {@link #answer(String)} but without the {@code usage} object, as some local servers do. */
    public synchronized OpenAiStub answerWithoutUsage(String content) {
        script.add(new Reply(200, completion(content, false), Duration.ZERO));
        return this;
    }

    /** Scripts an HTTP error with the given status and body. */
    public synchronized OpenAiStub fail(int status, String body) {
        script.add(new Reply(status, body, Duration.ZERO));
        return this;
    }

    /** Scripts a normal answer sent only after {@code delay}: longer than the client timeout, it times out. */
    public synchronized OpenAiStub delay(Duration delay, String content) {
        script.add(new Reply(200, completion(content, true), delay));
        return this;
    }

    /** Scripts HTTP 200 with {@code rawBody} as the body, verbatim (broken JSON, wrong shape, ...). */
    public synchronized OpenAiStub malformed(String rawBody) {
        script.add(new Reply(200, rawBody, Duration.ZERO));
        return this;
    }

    /** Request bodies received on the chat endpoints, oldest first. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** The newest request body; fails when none was received. */
    public synchronized String lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the OpenAI stub received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** The message contents (system, user, ...) of the newest request, decoded from JSON, joined by blank lines. */
    public String lastPrompt() {
        try {
            StringBuilder text = new StringBuilder();
            for (var message : JSON.readTree(lastRequest()).path("messages")) {
                text.append(text.isEmpty() ? "" : "\n\n").append(message.path("content").asText());
            }
            return text.toString();
        } catch (IOException e) {
            throw new IllegalStateException("the newest request is not JSON", e);
        }
    }

    /** Forgets scripted replies not yet used and recorded requests; call it before each test. */
    public synchronized void reset() {
        script.clear();
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean chat = path.equals("/v1/chat/completions") || path.equals("/chat/completions");
            if (!chat || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 404, error("OpenAiStub serves only POST /v1/chat/completions, not "
                        + exchange.getRequestMethod() + " " + path));
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Reply reply;
            synchronized (this) {
                requests.add(body);
                reply = script.poll();
            }
            if (reply == null) {
                send(exchange, 500, error("OpenAiStub has no scripted answer left"));
                return;
            }
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            send(exchange, reply.status(), reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String completion(String content, boolean withUsage) {
        var message = Map.of("role", "assistant", "content", content);
        var choice = Map.of("index", 0, "message", message, "finish_reason", "stop");
        var answer = new java.util.LinkedHashMap<String, Object>();
        answer.put("id", "chatcmpl-stub-" + ids.incrementAndGet());
        answer.put("object", "chat.completion");
        answer.put("created", System.currentTimeMillis() / 1000);
        answer.put("model", MODEL);
        answer.put("choices", List.of(choice));
        if (withUsage) {
            answer.put("usage", Map.of("prompt_tokens", PROMPT_TOKENS, "completion_tokens", COMPLETION_TOKENS,
                    "total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS));
        }
        return toJson(answer);
    }

    private static String error(String message) {
        return toJson(Map.of("error", Map.of("message", message, "type", "stub_error")));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "openai-stub");
            thread.setDaemon(true);
            return thread;
        };
    }
}
