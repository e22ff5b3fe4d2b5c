package dev.selfcode.web.page;

import java.util.Arrays;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import dev.selfcode.job.Job;
import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.Overview;
import dev.selfcode.web.view.RepoQueries;

/**
 * The front page: the readable repositories, this week's kept, reverted and rejected patches, open Selfcode pull
 * requests, tripped breakers and tokens spent. GET only: POST / stays the GitHub webhook.
 */
@Path("/")
public class OverviewPage {

    @Inject
    Viewer viewer;
    @Inject
    RepoQueries repos;

    @GET
    @Produces(Pages.HTML)
    public Response overview() {
        if (!viewer.authenticated()) {
            return Pages.toLogin();
        }
        Overview o = repos.overview(viewer);
        var jobs = Arrays.stream(Job.Status.values())
                .map(s -> new Pages.JobCount(s.name().toLowerCase(java.util.Locale.ROOT), o.jobs().getOrDefault(s.name(), 0L)))
                .toList();
        return Pages.ok(Pages.overview(o, jobs));
    }
}
