package dev.selfcode.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in GitHub's shape ({"message", "documentation_url"[, "errors"]}), thrown by route handlers. */
final class GitHubError extends RuntimeException {

    final int status;
    final String field;
    final String code;

    GitHubError(int status, String message) {
        this(status, message, null, null);
    }

    private GitHubError(int status, String message, String field, String code) {
        super(message);
        this.status = status;
        this.field = field;
        this.code = code;
    }

    static GitHubError notFound() {
        return new GitHubError(404, "Not Found");
    }

    /** A 422 "Validation Failed" naming the offending field, as GitHub answers bad input. */
    static GitHubError invalid(String resource, String field, String code) {
        return new GitHubError(422, "Validation Failed", resource + "." + field, code);
    }

    /** A 422 with a plain message, as GitHub answers for e.g. "Reference already exists". */
    static GitHubError unprocessable(String message) {
        return new GitHubError(422, message);
    }

    ObjectNode body() {
        ObjectNode body = Json.object().put("message", getMessage())
                .put("documentation_url", "https://docs.github.com/rest").put("status", String.valueOf(status));
        if (field != null) {
            String[] parts = field.split("\\.", 2);
            body.putArray("errors").addObject().put("resource", parts[0]).put("field", parts[1]).put("code", code);
        }
        return body;
    }
}
