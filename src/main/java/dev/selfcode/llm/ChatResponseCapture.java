package dev.selfcode.llm;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Hands the raw chat response (with the model name the endpoint reported) back to the caller on the same
 * thread: quarkus-langchain4j's {@code Result} carries token usage but not the final response.
 *
 * <p>
 * Listeners run synchronously on the calling thread, so a thread-local slot, opened only around our own
 * calls, is enough; calls from other AI services pass through untouched.
 */
@ApplicationScoped
@Unremovable
class ChatResponseCapture implements ChatModelListener {

    private static final ThreadLocal<Capture> CURRENT = new ThreadLocal<>();

    /** An open capture on the current thread; close it when the call returns. */
    static final class Capture implements AutoCloseable {

        private ChatResponse response;

        /** The last response seen during the capture, or null. */
        ChatResponse response() {
            return response;
        }

        @Override
        public void close() {
            CURRENT.remove();
        }
    }

    static Capture start() {
        Capture capture = new Capture();
        CURRENT.set(capture);
        return capture;
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        Capture capture = CURRENT.get();
        if (capture != null) {
            capture.response = context.chatResponse();
        }
    }
}
