package dev.selfcode.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import dev.selfcode.telemetry.Meters;

/**
 * Counts webhook deliveries refused with a 4xx (bad signature, body too large, unparseable) as
 * selfcode_deliveries_total{result="rejected"}; whoever refused them (the extension, {@link WebhookBodyLimit}).
 */
@Singleton
public class CountRejectedDeliveries {

    private final String webhookPath;

    @Inject
    public CountRejectedDeliveries(
            @ConfigProperty(name = "quarkus.github-app.webhook-url-path", defaultValue = "/") String webhookPath) {
        this.webhookPath = webhookPath;
    }

    // Before the body limit (1000): its 413 must be seen too.
    @RouteFilter(1001)
    void count(RoutingContext rc) {
        if (rc.request().method() == HttpMethod.POST && webhookPath.equals(rc.normalizedPath())) {
            rc.addHeadersEndHandler(v -> {
                int status = rc.response().getStatusCode();
                if (status >= 400 && status < 500) {
                    Meters.delivery("rejected");
                }
            });
        }
        rc.next();
    }
}
