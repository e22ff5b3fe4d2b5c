package dev.selfcode.web.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.web.Viewer;

/**
 * The login page: "Log in with GitHub" when the App's OAuth client is configured, the admin-token form when an admin
 * token is; the form posts back here and sets the admin session cookie. Logging out ends both kinds of session.
 */
@Path("/")
public class LoginPage {

    @Inject
    Viewer viewer;

    @Inject
    AdminSession adminSession;

    @Inject
    HttpServerRequest request;

    @Inject
    SelfcodeConfig config;

    @Inject
    OidcSession oidcSession;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean github;

    @Location("web/auth/login.html")
    Template page;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response show(@QueryParam("next") String next, @CookieParam(FormCookies.CSRF) String csrfCookie) {
        return render(200, next, csrfCookie, null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response login(@FormParam("token") String token, @FormParam("csrf") String csrf,
            @FormParam("next") String next, @CookieParam(FormCookies.CSRF) String csrfCookie) {
        if (!FormCookies.csrfMatches(csrfCookie, csrf)) {
            return render(403, next, csrfCookie, "The form had expired. Please try again.");
        }
        if (!adminSession.isAdminToken(token == null ? null : token.strip())) {
            return render(401, next, csrfCookie, "That is not the admin token.");
        }
        return Response.seeOther(URI.create(FormCookies.localPath(next)))
                .cookie(FormCookies.admin(request, adminSession.issue(), config.web().adminSession())).build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response logout(@FormParam("csrf") String csrf, @CookieParam(FormCookies.CSRF) String csrfCookie) {
        if (!FormCookies.csrfMatches(csrfCookie, csrf)) {
            return render(403, null, csrfCookie, "The form had expired. Please try again.");
        }
        if (github && viewer.login().isPresent()) {
            oidcSession.logout().await().indefinitely(); // removes quarkus-oidc's session cookie
        }
        return Response.seeOther(URI.create("/login")).cookie(FormCookies.clearAdmin(request)).build();
    }

    /** Where GitHub's login comes back to (quarkus-oidc has checked it by the time this runs). */
    @GET
    @Path("login/github")
    @Operation(hidden = true)
    public Response github(@QueryParam("next") String next) {
        return Response.seeOther(URI.create(viewer.authenticated() ? FormCookies.localPath(next) : "/login")).build();
    }

    private Response render(int status, String next, String csrfCookie, String error) {
        String csrf = FormCookies.csrfToken(csrfCookie);
        String html = page.data("github", github).data("adminForm", adminSession.configured())
                .data("viewer", viewer).data("login", viewer.login().orElse(null))
                .data("next", FormCookies.localPath(next))
                .data("nextParam", URLEncoder.encode(FormCookies.localPath(next), StandardCharsets.UTF_8)).data("csrf", csrf)
                .data("error", error).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .cookie(FormCookies.csrf(request, csrf)).header("Cache-Control", "no-store").build();
    }
}
