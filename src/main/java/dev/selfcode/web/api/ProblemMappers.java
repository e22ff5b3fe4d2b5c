package dev.selfcode.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.selfcode.web.view.InvalidQuery;

/**
 * Every error under {@code /api} as RFC 9457 problem JSON: the API's own, a bad filter, and what the framework
 * throws (an unknown path, a wrong method, a body it cannot read). Errors of other paths (the dashboard's pages)
 * keep their usual responses.
 */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response problem(ProblemException e) {
        Response.ResponseBuilder r = Response.status(e.status).type(Problem.MEDIA_TYPE).entity(e.problem());
        if (e.status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"selfcode\"");
        }
        return r.build();
    }

    @ServerExceptionMapper
    Response invalidQuery(InvalidQuery e) {
        return problem(ProblemException.badRequest(e.parameter(), e.getMessage()));
    }

    @ServerExceptionMapper
    Response framework(WebApplicationException e, UriInfo uri) {
        if (!api(uri)) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        String detail = status == 404
                ? "no such resource: /" + uri.getPath().replaceFirst("^/", "")
                : e.getMessage();
        return problem(new ProblemException(status, "about:blank", detail, null));
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "%s failed", uri.getPath());
        if (!api(uri)) {
            return Response.serverError().build();
        }
        // The cause stays in the log: it may name tables, hosts or paths.
        return problem(new ProblemException(500, "about:blank", "the server failed to answer; see its log", null));
    }

    private static boolean api(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/api") || path.startsWith("/api/");
    }
}
