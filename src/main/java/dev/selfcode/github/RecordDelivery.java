package dev.selfcode.github;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkiverse.githubapp.GitHubEvent;
import io.vertx.core.json.JsonObject;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.job.Deliveries;
import dev.selfcode.telemetry.Meters;

/**
 * Persists every webhook delivery before it is acknowledged (the extension answers 200 only after its synchronous
 * observers return; a database failure answers 500 and GitHub may redeliver), once per delivery id. Deliveries that
 * may become a job keep their body for {@link ReplayLostDeliveries}. Runs before the extension's dispatcher, so
 * listeners can ask whether their delivery was seen before.
 */
@ApplicationScoped
public class RecordDelivery {

    private static final Logger LOG = Logger.getLogger(RecordDelivery.class);
    private static final int REMEMBERED = 10_000;

    @Inject
    Deliveries deliveries;
    @Inject
    SelfcodeConfig config;

    // Redelivered ids of this process, for the listeners that run after this observer (bounded, oldest dropped).
    private final Map<String, Boolean> redelivered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    @Transactional
    void persist(@Observes @Priority(1) GitHubEvent event) {
        String id = event.getDeliveryId();
        if (id == null || id.isBlank() || id.length() > Deliveries.MAX_ID) {
            // Only dev and test modes accept deliveries without an id; there is nothing to deduplicate on.
            return;
        }
        String kind = event.getEventAction() == null ? "unknown" : event.getEventAction();
        boolean first = deliveries.firstSeen(id, kind, mayQueue(event) ? event.getPayload() : null);
        Meters.delivery(first ? "received" : "duplicate");
        if (!first) {
            LOG.infof("delivery %s (%s) was seen before", id, kind);
            redelivered.put(id, Boolean.TRUE);
        }
    }

    /** True when this delivery id had been persisted before this process received it again. */
    public boolean redelivered(String deliveryId) {
        return deliveryId != null && redelivered.containsKey(deliveryId);
    }

    /** A /selfcode comment or the trigger label: the deliveries worth replaying if they never became a job. */
    boolean mayQueue(GitHubEvent event) {
        JsonObject payload = event.getParsedPayload();
        if (payload == null) {
            return false;
        }
        if ("issue_comment".equals(event.getEvent()) && "created".equals(event.getAction())) {
            JsonObject comment = payload.getJsonObject("comment");
            String body = comment == null ? null : comment.getString("body");
            return body != null && body.stripLeading().startsWith("/selfcode");
        }
        if ("issues".equals(event.getEvent()) && "labeled".equals(event.getAction())) {
            JsonObject label = payload.getJsonObject("label");
            return label != null && config.github().triggerLabel().equalsIgnoreCase(label.getString("name"));
        }
        return false;
    }
}
