package dev.selfcode.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkiverse.githubapp.GitHubEvent;
import io.quarkiverse.githubapp.runtime.SimpleGitHubEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.json.JsonObject;

import dev.selfcode.config.SelfcodeConfig;

/**
 * After a crash between the acknowledgement and the job's creation, a command would be lost (GitHub does not
 * redeliver a delivery it got 200 for). This replays, once, every stored command delivery that has not become a
 * job within {@code selfcode.github.replay-after}; the listeners' usual checks decide what it does.
 */
@ApplicationScoped
public class ReplayLostDeliveries {

    private static final Logger LOG = Logger.getLogger(ReplayLostDeliveries.class);
    private static final Duration OLDEST = Duration.ofDays(1);
    private static final int BATCH = 50;

    @Inject
    EntityManager em;
    @Inject
    Event<GitHubEvent> events;
    @Inject
    SelfcodeConfig config;
    @Inject
    Clock clock;
    @ConfigProperty(name = "quarkus.github-app.app-name")
    Optional<String> appName;

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.github().replayLost()) {
            replay();
        }
    }

    /** Replays what is due; returns how many deliveries were replayed. */
    public int replay() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.minus(config.github().replayAfter());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT d.delivery_id, d.event, d.payload FROM delivery d WHERE d.payload IS NOT NULL"
                        + " AND d.replayed_at IS NULL AND d.received_at < ?1 AND d.received_at > ?2"
                        + " AND NOT EXISTS (SELECT 1 FROM job j WHERE j.source_key = CONCAT('github:', d.delivery_id))"
                        + " ORDER BY d.received_at LIMIT " + BATCH)
                .setParameter(1, due).setParameter(2, now.minus(OLDEST)).getResultList());
        int replayed = 0;
        for (Object[] row : rows) {
            String id = (String) row[0];
            // Several replicas may look at once: the one whose update lands replays it.
            int claimed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "UPDATE delivery SET replayed_at = ?1 WHERE delivery_id = ?2 AND replayed_at IS NULL")
                    .setParameter(1, now).setParameter(2, id).executeUpdate());
            if (claimed == 1) {
                try {
                    events.fire(event(id, (String) row[1], (String) row[2]));
                    replayed++;
                    LOG.infof("replayed delivery %s (%s): it had not become a job", id, row[1]);
                } catch (RuntimeException e) {
                    LOG.warnf("replaying delivery %s failed: %s", id, e.getMessage());
                }
            }
        }
        return replayed;
    }

    private GitHubEvent event(String id, String eventAction, String payload) {
        JsonObject parsed = new JsonObject(payload);
        int dot = eventAction.indexOf('.');
        String event = dot < 0 ? eventAction : eventAction.substring(0, dot);
        String action = dot < 0 ? null : eventAction.substring(dot + 1);
        JsonObject installation = parsed.getJsonObject("installation");
        JsonObject repository = parsed.getJsonObject("repository");
        return new SimpleGitHubEvent(installation == null ? null : installation.getLong("id"), appName.orElse(null), id,
                repository == null ? null : repository.getString("full_name"), event, action, payload, parsed, true);
    }
}
