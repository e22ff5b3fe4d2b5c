package dev.selfcode.web.api;

import jakarta.ws.rs.core.Response;

/** Ends a request with a problem response; {@link ProblemMappers} writes it. */
class ProblemException extends RuntimeException {

    final int status;
    final String type;
    final String parameter;

    ProblemException(int status, String type, String detail, String parameter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.parameter = parameter;
    }

    static ProblemException unauthorized() {
        return new ProblemException(401, "about:blank", "log in, or send the admin token as Authorization: Bearer",
                null);
    }

    /** Also what a repository the viewer may not read answers: its existence is not revealed. */
    static ProblemException notFound(String what) {
        return new ProblemException(404, "about:blank", what + " not found", null);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(403, "about:blank", detail, null);
    }

    static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, detail, null);
    }

    static ProblemException badRequest(String parameter, String detail) {
        return new ProblemException(400, "about:blank", detail, parameter);
    }

    Problem problem() {
        return new Problem(type, Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, getMessage(), parameter);
    }
}
