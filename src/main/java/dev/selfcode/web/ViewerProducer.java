package dev.selfcode.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

import dev.selfcode.web.auth.ResolveViewer;

/**
 * Resolves the request's {@link Viewer}: the admin token (header or the login form's session), a GitHub login, or
 * anonymous (see {@link ResolveViewer}).
 */
public class ViewerProducer {

    @Inject
    HttpServerRequest request;

    @Inject
    SecurityIdentity identity;

    @Inject
    ResolveViewer resolve;

    @Produces
    @RequestScoped
    Viewer viewer() {
        return resolve.of(request, identity);
    }
}
