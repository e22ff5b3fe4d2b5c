package dev.selfcode.web;

import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.job.Deliveries;

/**
 * A bare endpoint for the webhook benchmark: reads the body and does the one insert the webhook path does (the same
 * {@link Deliveries#firstSeen} call as {@code RecordDelivery}, without a body, as for a delivery that cannot become a
 * job), so the benchmark can tell the extension's cost from the database's. Exists only with
 * {@code selfcode.bench.enabled=true}.
 */
@Singleton
public class BenchInsert {

    static final String PATH = "/bench/insert";

    @Inject
    Deliveries deliveries;

    @Inject
    SelfcodeConfig config;

    void register(@Observes Router router) {
        if (!config.bench().enabled()) {
            return;
        }
        // Same shape as the webhook route: a body handler, then a blocking handler on the worker pool.
        router.post(PATH).handler(BodyHandler.create(false)).blockingHandler(rc -> {
            String id = rc.request().getHeader("X-GitHub-Delivery");
            deliveries.firstSeen(id == null || id.isBlank() ? UUID.randomUUID().toString() : id, "bench", null);
            rc.response().setStatusCode(200).end();
        });
    }
}
