package dev.selfcode.web.page;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.InvalidQuery;
import dev.selfcode.web.view.JobFilter;
import dev.selfcode.web.view.JobQueries;

/** The job queue of the readable repositories, newest first, a page at a time: state, attempts, next run, error. */
@Path("/jobs")
public class JobsPage {

    static final String PAGE_SIZE = "50";

    @Inject
    Viewer viewer;
    @Inject
    JobQueries jobs;

    @GET
    @Produces(Pages.HTML)
    public Response jobs(@QueryParam("repo") String repo, @QueryParam("status") String status,
            @QueryParam("cursor") String cursor) {
        if (!viewer.authenticated()) {
            return Pages.toLogin();
        }
        JobFilter filter;
        try {
            filter = JobFilter.parse(repo, status, cursor, PAGE_SIZE);
        } catch (InvalidQuery e) {
            // A page link that no longer works (a cursor from another server): start from the newest.
            filter = JobFilter.parse(null, null, null, PAGE_SIZE);
        }
        return Pages.ok(Pages.jobs(jobs.list(viewer, filter), filter.repo()));
    }
}
