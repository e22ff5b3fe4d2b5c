package dev.selfcode.testing;

import java.time.Instant;

/**
 * One request the fake GitHub answered, as tests see it in {@link FakeGitHub#requests()}.
 *
 * @param route the name of the route that answered it, or {@code null} when no route matched (an unexpected call)
 * @param injected whether the answer was a failure injected with {@link FakeGitHub#failNext}
 */
public record RecordedRequest(String method, String path, String query, String body, int status, String route,
        boolean injected, Instant at) {

    /** Whether no route of the fake knew this request. */
    public boolean unexpected() {
        return route == null;
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status
                + (route == null ? " (no route)" : "") + (injected ? " (injected)" : "");
    }
}
