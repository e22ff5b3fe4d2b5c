package dev.selfcode.web.auth;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.RepoQueries;

/** Who the caller is to Selfcode, and which repositories they may read and act on. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
public class MeResource {

    /** The caller: GitHub login (none for the admin token), admin or not, and the repositories they see. */
    public record Me(String login, boolean admin, List<RepoRights> repos) {
    }

    /** One repository the caller may read; {@code write}: may retry its jobs and start its sweeps. */
    public record RepoRights(String repo, boolean write) {
    }

    @Inject
    Viewer viewer;

    @Inject
    RepoQueries known;

    @GET
    @Operation(summary = "The caller and the repositories they may read")
    public Response me() {
        if (!viewer.authenticated()) {
            return unauthorized();
        }
        List<RepoRights> repos = known.known().keySet().stream().filter(viewer::canRead)
                .map(repo -> new RepoRights(repo, viewer.canWrite(repo))).toList();
        return Response.ok(new Me(viewer.login().orElse(null), viewer.admin(), repos)).build();
    }

    @GET
    @Path("/repos/{owner}/{name}")
    @Operation(summary = "The caller's rights on one repository (404 when they may not read it)")
    public Response repo(@PathParam("owner") String owner, @PathParam("name") String name) {
        if (!viewer.authenticated()) {
            return unauthorized();
        }
        String repo = owner + "/" + name;
        if (!viewer.canRead(repo)) {
            // The same answer as for a repository that does not exist: never reveal that it does.
            return problem(404, "Not Found", "No repository " + repo + ".");
        }
        return Response.ok(new RepoRights(repo, viewer.canWrite(repo))).build();
    }

    static Response unauthorized() {
        return problem(401, "Unauthorized", "Log in at /login, or send the admin token as Authorization: Bearer.");
    }

    /** An RFC 9457 problem document. */
    static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)).build();
    }
}
