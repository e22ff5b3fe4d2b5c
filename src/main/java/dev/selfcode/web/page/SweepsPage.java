package dev.selfcode.web.page;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import dev.selfcode.sweep.SweepSchedules;
import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.Access;
import dev.selfcode.web.view.RepoQueries;

/** When each readable repository's next scheduled sweep is due, soonest first. */
@Path("/sweeps")
public class SweepsPage {

    /** Every schedule is due by then (the last day a DATETIME holds). */
    static final Instant END_OF_TIME = Instant.parse("9999-12-30T00:00:00Z");
    static final int MAX = 1000;

    @Inject
    Viewer viewer;
    @Inject
    RepoQueries repos;
    @Inject
    SweepSchedules schedules;

    @GET
    @Produces(Pages.HTML)
    public Response sweeps() {
        if (!viewer.authenticated()) {
            return Pages.toLogin();
        }
        Access access = repos.access(viewer);
        List<SweepSchedules.Row> rows = access.none()
                ? List.of()
                : schedules.due(END_OF_TIME, MAX).stream().filter(r -> access.allows(r.repo())).toList();
        return Pages.ok(Pages.sweeps(rows));
    }
}
