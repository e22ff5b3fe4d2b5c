package dev.selfcode.web.page;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.PatchDetail;
import dev.selfcode.web.view.PatchQueries;

/**
 * One patch attempt: the decision table and its reasons, every metric before and after, the diff coloured by line,
 * the prompt and the answer (secrets redacted), tokens, stage timings as bars, and its branch and pull request.
 */
@Path("/patches/{id}")
public class PatchPage {

    @Inject
    Viewer viewer;
    @Inject
    PatchQueries patches;

    @GET
    @Produces(Pages.HTML)
    public Response patch(@PathParam("id") String id) {
        if (!viewer.authenticated()) {
            return Pages.toLogin();
        }
        long patchId;
        try {
            patchId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Pages.notFoundPage();
        }
        var detail = patches.detail(viewer, patchId);
        if (detail.isEmpty()) {
            return Pages.notFoundPage();
        }
        PatchDetail p = detail.get();
        return Pages.ok(Pages.patch(p, DiffLines.of(p.diff()), StageBar.of(p.timings())));
    }
}
