package dev.selfcode.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.selfcode.config.SelfcodeConfig;

/**
 * Refuses webhook bodies over {@code selfcode.github.max-body-bytes} with 413 before anything buffers them: a
 * declared Content-Length is checked at once, a chunked body is counted while it arrives. It runs before the
 * extension's route, whose own unlimited body handler then finds the body already read.
 */
@Singleton
public class WebhookBodyLimit {

    private final BodyHandler limited;
    private final String webhookPath;
    private final long max;

    @Inject
    public WebhookBodyLimit(SelfcodeConfig config,
            @ConfigProperty(name = "quarkus.github-app.webhook-url-path", defaultValue = "/") String webhookPath) {
        this.max = config.github().maxBodyBytes();
        this.webhookPath = webhookPath;
        this.limited = BodyHandler.create(false).setBodyLimit(max);
    }

    @RouteFilter(1000)
    void limit(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !webhookPath.equals(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String declared = rc.request().getHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                rc.response().setStatusCode(400).end("Invalid Content-Length.");
                return;
            }
            if (length > max) {
                rc.response().setStatusCode(413).putHeader("Connection", "close").end("Payload too large.");
                return;
            }
        }
        limited.handle(rc); // reads the body (counting chunks), answers 413 past the limit, else continues
    }
}
