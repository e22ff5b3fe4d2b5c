package dev.selfcode.github;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.selfcode.job.Deliveries;
import io.quarkiverse.githubapp.GitHubEvent;

/**
 * Persists every webhook delivery before it is acknowledged (the extension answers 200 only after its synchronous
 * observers return; a database failure answers 500 and GitHub may redeliver). Runs before the extension's
 * dispatcher, so listeners can ask whether their delivery was seen before.
 */
@ApplicationScoped
public class RecordDelivery {

    private static final Logger LOG = Logger.getLogger(RecordDelivery.class);
    private static final int REMEMBERED = 10_000;

    @Inject
    Deliveries deliveries;

    // Redelivered ids of this process, for the listeners that run after this observer (bounded, oldest dropped).
    private final Map<String, Boolean> redelivered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    void persist(@Observes @Priority(1) GitHubEvent event) {
        String id = event.getDeliveryId();
        if (id == null || id.isBlank() || id.length() > 64) {
            // Only dev and test modes accept deliveries without an id; there is nothing to deduplicate on.
            return;
        }
        if (!deliveries.firstSeen(id, event.getEventAction())) {
            LOG.infof("delivery %s (%s) was seen before", id, event.getEventAction());
            redelivered.put(id, Boolean.TRUE);
        }
    }

    /** True when this delivery id had been persisted before this process received it again. */
    public boolean redelivered(String deliveryId) {
        return deliveryId != null && redelivered.containsKey(deliveryId);
    }
}
