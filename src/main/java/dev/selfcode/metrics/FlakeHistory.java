package dev.selfcode.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.sandbox.Evaluation;

/**
 * Which tests of a repository are flaky, from its base commits' runs only: a test flaked in a run when it failed and
 * then passed on the sandbox's re-run; it is flaky when it flaked in at least {@link #MIN_FLAKES} of the repository's
 * last {@link #WINDOW} base runs. A candidate's runs never count: a patch could make a test fail first on purpose.
 */
@ApplicationScoped
public class FlakeHistory {

    static final int WINDOW = 10;
    static final int MIN_FLAKES = 2;
    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /**
     * Records the measured run of base commit {@code sha}; once per commit (a second measurement, a cached one, adds
     * nothing), and only when its reports name their tests (counted by exit code, no test can be flaky).
     */
    @Transactional
    public void record(String repo, String sha, Evaluation base) {
        if (!base.usable() || base.testIds().isEmpty()) {
            return;
        }
        String flaked;
        try {
            flaked = json.writeValueAsString(base.rerunPassed());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise test ids", e);
        }
        em.createNativeQuery("INSERT IGNORE INTO flake_history (repo, sha, failed_first, flaked, run_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, repo).setParameter(2, sha)
                .setParameter(3, base.failingIds().size()).setParameter(4, flaked).setParameter(5, Instant.now())
                .executeUpdate();
    }

    /** The repository's flaky tests now, sorted. */
    @Transactional
    public Set<String> flaky(String repo) {
        List<?> rows = em.createNativeQuery("SELECT flaked FROM flake_history WHERE repo = ?1 ORDER BY run_at DESC,"
                + " id DESC").setParameter(1, repo).setMaxResults(WINDOW).getResultList();
        return flaky(rows.stream().map(r -> ids(String.valueOf(r))).toList());
    }

    /** The tests that flaked in at least {@link #MIN_FLAKES} of the newest {@link #WINDOW} runs (newest first). */
    static Set<String> flaky(List<List<String>> runs) {
        Map<String, Integer> flakes = new HashMap<>();
        for (List<String> run : runs.subList(0, Math.min(WINDOW, runs.size()))) {
            new TreeSet<>(run).forEach(id -> flakes.merge(id, 1, Integer::sum));
        }
        TreeSet<String> flaky = new TreeSet<>();
        flakes.forEach((id, n) -> {
            if (n >= MIN_FLAKES) {
                flaky.add(id);
            }
        });
        return flaky;
    }

    private List<String> ids(String flaked) {
        try {
            return json.readValue(flaked, IDS);
        } catch (JsonProcessingException e) {
            return List.of(); // written by this class; unreadable only if edited by hand
        }
    }
}
