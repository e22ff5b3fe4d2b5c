package dev.selfcode.web.page;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import dev.selfcode.web.Viewer;
import dev.selfcode.web.view.PatchFilter;
import dev.selfcode.web.view.PatchQueries;
import dev.selfcode.web.view.RepoDetail;
import dev.selfcode.web.view.RepoQueries;
import dev.selfcode.web.view.TrendQueries;
import dev.selfcode.web.view.TrendView;

/**
 * One repository: its roi and errors trend with the predicted band and the merges and rollbacks, its worst modules,
 * breaker, budgets, next sweep and newest patches.
 */
@Path("/repos/{owner}/{name}")
public class RepoPage {

    static final int PATCHES = 20;

    @Inject
    Viewer viewer;
    @Inject
    RepoQueries repos;
    @Inject
    TrendQueries trends;
    @Inject
    PatchQueries patches;

    @GET
    @Produces(Pages.HTML)
    @Transactional
    public Response repo(@PathParam("owner") String owner, @PathParam("name") String name) {
        if (!viewer.authenticated()) {
            return Pages.toLogin();
        }
        String repo = owner + "/" + name;
        var detail = repos.detail(viewer, repo);
        if (detail.isEmpty()) {
            return Pages.notFoundPage();
        }
        RepoDetail d = detail.get();
        TrendView t = trends.trend(viewer, repo).orElseThrow();
        var rows = patches.list(viewer, new PatchFilter(repo, null, null, null, null, PATCHES)).items();
        return Pages.ok(Pages.repo(d, t, Predicted.of(t), rows));
    }
}
