package dev.selfcode.web.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Every repository Selfcode has a row about: installed, patched, or queued (CLI-only repositories included). */
@ApplicationScoped
class KnownRepos {

    @Inject
    EntityManager em;

    @Transactional
    List<String> all() {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("SELECT repo FROM installed_repo UNION SELECT DISTINCT repo FROM"
                + " patch_history UNION SELECT DISTINCT repo FROM job ORDER BY 1").getResultList();
        return names;
    }
}
