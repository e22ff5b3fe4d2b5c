package dev.selfcode.web.page;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

import dev.selfcode.sweep.SweepSchedules;
import dev.selfcode.web.view.JobRow;
import dev.selfcode.web.view.Overview;
import dev.selfcode.web.view.Page;
import dev.selfcode.web.view.PatchDetail;
import dev.selfcode.web.view.PatchRow;
import dev.selfcode.web.view.RepoDetail;
import dev.selfcode.web.view.TrendView;

/**
 * The dashboard's pages, as type-checked Qute templates under templates/web/, and the two answers every page may
 * give instead: to the login page for an anonymous visitor, and "not found" for what the viewer may not see.
 */
@CheckedTemplate(basePath = "web")
final class Pages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    private Pages() {
    }

    static native TemplateInstance overview(Overview o, List<JobCount> jobs);

    static native TemplateInstance repo(RepoDetail d, TrendView t, List<Predicted> predictions, List<PatchRow> patches);

    static native TemplateInstance patch(PatchDetail p, List<DiffLines.Line> diff, List<StageBar> timings);

    /** {@code repo}: the repository the list is filtered to, null for all. */
    static native TemplateInstance jobs(Page<JobRow> jobs, String repo);

    static native TemplateInstance sweeps(List<SweepSchedules.Row> sweeps);

    static native TemplateInstance notFound();

    /** Jobs of one status, in the queue's order of statuses. */
    public record JobCount(String status, long count) {
    }

    /** Rendered here, inside the caller's transaction: the page is whole or an error, never half-sent. */
    static Response ok(TemplateInstance page) {
        return Response.ok(page.render(), HTML).build();
    }

    /** An anonymous visitor sees the login page and nothing else; after logging in, the page they asked for. */
    static Response toLogin() {
        String asked = Arc.container().instance(HttpServerRequest.class).get().uri();
        return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(asked, StandardCharsets.UTF_8)))
                .build();
    }

    /** Unknown and not readable look the same: a repository's existence is not revealed. */
    static Response notFoundPage() {
        return Response.status(Response.Status.NOT_FOUND).entity(notFound().render()).type(HTML).build();
    }
}
