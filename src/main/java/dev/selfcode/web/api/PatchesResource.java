package dev.selfcode.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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

import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.Page;
import dev.selfcode.web.view.PatchDetail;
import dev.selfcode.web.view.PatchFilter;
import dev.selfcode.web.view.PatchQueries;
import dev.selfcode.web.view.PatchRow;

/** Patch attempts: filtered and paged, and one whole. */
@Path("/api/patches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "patches")
@SecurityRequirement(name = ApiDocs.BEARER)
@APIResponse(responseCode = "401", description = "not logged in", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "a malformed filter, cursor, limit or id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PatchesResource {

    @Inject
    Viewer viewer;
    @Inject
    PatchQueries patches;

    @GET
    @Operation(summary = "Patch attempts, newest first", description = "Ordered by id descending; follow `next` (an opaque cursor) for the following page until"
            + " it is null. Rows added meanwhile do not shift the pages.")
    public Page<PatchRow> list(
            @Parameter(description = "owner/name") @QueryParam("repo") String repo,
            @Parameter(description = "KEEP, REVERT, FAILED or PENDING (any case)") @QueryParam("decision") String decision,
            @Parameter(description = "what started it: comment, label, cli, sweep, ...") @QueryParam("trigger") String trigger,
            @Parameter(description = "made at or after: 2026-11-30T05:00:00Z or 2026-11-30") @QueryParam("since") String since,
            @Parameter(description = "the `next` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "rows per page, 1..100, default 20") @QueryParam("limit") String limit) {
        Gate.authenticated(viewer);
        return patches.list(viewer, PatchFilter.parse(repo, decision, trigger, since, cursor, limit));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One patch attempt whole", description = "Every metric before and after, decision rows with reasons, the diff, the prompt and answer"
            + " of each model call with secrets redacted, tokens, stage timings, branch and pull request.")
    @APIResponse(responseCode = "200", description = "the attempt")
    @APIResponse(responseCode = "404", description = "no such attempt, or its repository is not readable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PatchDetail get(@Parameter(description = "the patch id") @PathParam("id") String id) {
        Gate.authenticated(viewer);
        long patch = Gate.id("id", id);
        return patches.detail(viewer, patch).orElseThrow(() -> ProblemException.notFound("patch " + patch));
    }
}
