package dev.selfcode.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.selfcode.job.JobQueue;
import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.JobFilter;
import dev.selfcode.web.view.JobQueries;
import dev.selfcode.web.view.JobRow;
import dev.selfcode.web.view.Page;

/** The job queue: jobs of readable repositories, and a retry of a failed one. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = "not logged in", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "a malformed filter, cursor, limit or id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JobsResource {

    @Inject
    Viewer viewer;
    @Inject
    JobQueries jobs;
    @Inject
    JobQueue queue;

    @GET
    @Operation(summary = "Jobs, newest first", description = "State, attempts, next run and last error; paged like"
            + " /api/patches.")
    public Page<JobRow> list(@Parameter(description = "owner/name") @QueryParam("repo") String repo,
            @Parameter(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") @QueryParam("status") String status,
            @Parameter(description = "the `next` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "rows per page, 1..100, default 20") @QueryParam("limit") String limit) {
        Gate.authenticated(viewer);
        return jobs.list(viewer, JobFilter.parse(repo, status, cursor, limit));
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Retry a failed or cancelled job now", description = "With its attempts renewed. Needs write"
            + " access to the job's repository.")
    @APIResponse(responseCode = "200", description = "the job, queued again")
    @APIResponse(responseCode = "403", description = "no write access", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such job, or its repository is not readable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the job is queued, running or succeeded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobRow retry(@Parameter(description = "the job id") @PathParam("id") String id) {
        Gate.authenticated(viewer);
        long jobId = Gate.id("id", id);
        JobRow job = jobs.find(viewer, jobId).orElseThrow(() -> ProblemException.notFound("job " + jobId));
        if (!viewer.canWrite(job.repo())) {
            throw ProblemException.forbidden("retrying a job of " + job.repo() + " needs write access to it");
        }
        if (!queue.retry(jobId)) {
            throw ProblemException.conflict("about:blank", "job " + jobId + " is " + job.status()
                    + "; only a FAILED or CANCELLED job can be retried");
        }
        return jobs.find(viewer, jobId).orElseThrow();
    }
}
