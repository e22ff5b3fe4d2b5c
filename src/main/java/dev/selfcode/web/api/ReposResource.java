package dev.selfcode.web.api;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.selfcode.job.Job;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.NewJob;
import dev.selfcode.sweep.DueSweeps;
import dev.selfcode.sweep.SweepRequest;
import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.JobQueries;
import dev.selfcode.web.view.Overview;
import dev.selfcode.web.view.RepoDetail;
import dev.selfcode.web.view.RepoQueries;
import dev.selfcode.web.view.RepoSummary;
import dev.selfcode.web.view.TrendQueries;
import dev.selfcode.web.view.TrendView;

/** Repositories: the list, one with its settings and guardrails, its trend, and a sweep on demand. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "repos")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = "not logged in", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "a malformed parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReposResource {

    /** A manual sweep asked twice within this many seconds is one job. */
    static final long SWEEP_SLOT_SECONDS = 60;

    @Inject
    Viewer viewer;
    @Inject
    RepoQueries repos;
    @Inject
    TrendQueries trends;
    @Inject
    JobQueries jobs;
    @Inject
    JobQueue queue;
    @Inject
    java.time.Clock clock;

    @GET
    @Path("overview")
    @Operation(summary = "The front page's numbers", description = "Patch attempts of the last 7 days by outcome, open Selfcode pull requests, tripped breakers,"
            + " tokens spent and jobs per status, over the repositories the caller may read.")
    public Overview overview() {
        Gate.authenticated(viewer);
        return repos.overview(viewer);
    }

    @GET
    @Path("repos")
    @Operation(summary = "The repositories the caller may read, by name")
    public List<RepoSummary> list() {
        Gate.authenticated(viewer);
        return repos.list(viewer);
    }

    @GET
    @Path("repos/{owner}/{name}")
    @Operation(summary = "One repository", description = "Settings in force, circuit breaker, budgets used, next sweep.")
    @APIResponse(responseCode = "200", description = "the repository")
    @APIResponse(responseCode = "404", description = "unknown, or not readable by the caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RepoDetail repo(@Parameter(description = "owner of the repository") @PathParam("owner") String owner,
            @Parameter(description = "name of the repository") @PathParam("name") String name) {
        Gate.authenticated(viewer);
        String repo = Gate.repo(owner, name);
        return repos.detail(viewer, repo).orElseThrow(() -> ProblemException.notFound("repository " + repo));
    }

    @GET
    @Path("repos/{owner}/{name}/trend")
    @Operation(summary = "One repository's trend", description = "Metric samples, the predicted band with its interval, per-module errors, and merges and"
            + " rollbacks as events.")
    @APIResponse(responseCode = "200", description = "the trend")
    @APIResponse(responseCode = "404", description = "unknown, or not readable by the caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrendView trend(@PathParam("owner") String owner, @PathParam("name") String name) {
        Gate.authenticated(viewer);
        String repo = Gate.repo(owner, name);
        return trends.trend(viewer, repo).orElseThrow(() -> ProblemException.notFound("repository " + repo));
    }

    @POST
    @Path("repos/{owner}/{name}/sweep")
    @Operation(summary = "Sweep a repository now", description = "Queues a sweep job (measure the default branch, refactor the worst module). Needs write"
            + " access. The same request within a minute returns the same job.")
    @APIResponse(responseCode = "202", description = "the queued sweep job", content = @Content(schema = @Schema(implementation = dev.selfcode.web.view.JobRow.class)))
    @APIResponse(responseCode = "403", description = "no write access", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown, or not readable by the caller", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "used only through the CLI, or a sweep is already waiting", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response sweep(@PathParam("owner") String owner, @PathParam("name") String name) {
        Gate.authenticated(viewer);
        String repo = Gate.repo(owner, name);
        if (!repos.visible(viewer, repo)) {
            throw ProblemException.notFound("repository " + repo);
        }
        if (!viewer.canWrite(repo)) {
            throw ProblemException.forbidden("starting a sweep of " + repo + " needs write access to it");
        }
        Long installation = repos.known().get(repo);
        if (installation == null) {
            throw ProblemException.conflict("about:blank", repo + " is used only through the command line (no GitHub"
                    + " installation): run `selfcode sweep` there");
        }
        Instant now = clock.instant();
        String key = "sweep-manual:" + repo + "@" + now.getEpochSecond() / SWEEP_SLOT_SECONDS;
        Job job = queue.enqueue(NewJob.of(key, DueSweeps.KIND, repo, new SweepRequest(null, "manual").toJson())
                .withIssue(installation, null));
        return Response.accepted(jobs.find(viewer, job.id).orElseThrow()).build();
    }
}
