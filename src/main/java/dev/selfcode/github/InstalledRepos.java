package dev.selfcode.github;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The {@code installed_repo} table: repositories the app may act on, and through which installation. */
@ApplicationScoped
public class InstalledRepos {

    @Inject
    EntityManager em;

    @Transactional
    public void activate(long installationId, String repo) {
        em.createNativeQuery("INSERT INTO installed_repo (installation_id, repo, active, updated_at) VALUES (?1, ?2, TRUE, ?3)"
                + " ON DUPLICATE KEY UPDATE installation_id = VALUES(installation_id), active = TRUE,"
                + " updated_at = VALUES(updated_at)")
                .setParameter(1, installationId).setParameter(2, repo).setParameter(3, now()).executeUpdate();
    }

    @Transactional
    public void deactivate(String repo) {
        em.createNativeQuery("UPDATE installed_repo SET active = FALSE, updated_at = ?1 WHERE repo = ?2")
                .setParameter(1, now()).setParameter(2, repo).executeUpdate();
    }

    @Transactional
    public void deactivateInstallation(long installationId) {
        em.createNativeQuery("UPDATE installed_repo SET active = FALSE, updated_at = ?1 WHERE installation_id = ?2")
                .setParameter(1, now()).setParameter(2, installationId).executeUpdate();
    }

    /** Active repositories, by name. */
    @Transactional
    public List<String> active() {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("SELECT repo FROM installed_repo WHERE active ORDER BY repo")
                .getResultList();
        return names;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
