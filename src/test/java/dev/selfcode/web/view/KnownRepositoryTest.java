package dev.selfcode.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A repository page asks one query whether its repository is known ({@link RepoQueries#knownOne}); the overview reads
 * the whole list ({@link RepoQueries#known()}). Both must agree on which repositories exist and on the installation
 * each belongs to, whichever tables name it.
 */
@QuarkusTest
class KnownRepositoryTest {

    private static final String NOW = "2026-11-30 08:00:00";
    private static final List<String> REPOS = List.of("known/patches-only", "known/job-only", "known/job-and-schedule",
            "known/installed-over-job", "known/schedule-only", "known/installed-only", "known/nowhere");

    @Inject
    RepoQueries repos;
    @Inject
    EntityManager em;

    @BeforeEach
    void seed() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("patch_history", "job", "sweep_schedule", "installed_repo")) {
                em.createNativeQuery("DELETE FROM " + table + " WHERE repo LIKE 'known/%'").executeUpdate();
            }
            patch("known/patches-only");
            job("known/job-only", 11L, "a");
            job("known/job-only", null, "b");
            job("known/job-and-schedule", 12L, "c");
            schedule("known/job-and-schedule", 13L);
            job("known/installed-over-job", 14L, "d");
            schedule("known/installed-over-job", null);
            installed("known/installed-over-job", 15L);
            schedule("known/schedule-only", null);
            installed("known/installed-only", 16L);
        });
    }

    @Test
    @Transactional
    void oneRepositoryIsKnownExactlyAsTheWholeListSaysWithItsInstallation() {
        Map<String, Long> expected = new HashMap<>();
        expected.put("known/patches-only", null);
        expected.put("known/job-only", 11L);
        expected.put("known/job-and-schedule", 13L);
        expected.put("known/installed-over-job", 15L);
        expected.put("known/schedule-only", null);
        expected.put("known/installed-only", 16L);

        for (String repo : REPOS) {
            var one = repos.knownOne(repo);
            if (expected.containsKey(repo)) {
                assertThat(one).as(repo).contains(new SimpleEntry<>(repo, expected.get(repo)));
            } else {
                assertThat(one).as(repo).isEmpty();
            }
        }
        Map<String, Long> all = repos.known();
        all.keySet().removeIf(r -> !r.startsWith("known/"));
        assertThat(all).isEqualTo(expected);
    }

    private void patch(String repo) {
        em.createNativeQuery("INSERT INTO patch_history (repo, file_path, description, trigger_source, decision,"
                + " created_at) VALUES (?1, 'a.py', 'x', 'comment', 'KEEP', ?2)").setParameter(1, repo)
                .setParameter(2, NOW).executeUpdate();
    }

    private void job(String repo, Long installation, String key) {
        em.createNativeQuery("INSERT INTO job (source_key, kind, repo, installation_id, payload, status, run_after,"
                + " created_at, updated_at) VALUES (?1, 'patch', ?2, " + installation + ", '{}', 'SUCCEEDED', ?3, ?3, ?3)")
                .setParameter(1, "known-" + key).setParameter(2, repo).setParameter(3, NOW).executeUpdate();
    }

    private void schedule(String repo, Long installation) {
        em.createNativeQuery("INSERT INTO sweep_schedule (repo, installation_id, cron, timezone, next_due, updated_at)"
                + " VALUES (?1, " + installation + ", '0 3 * * *', 'UTC', ?2, ?2)").setParameter(1, repo)
                .setParameter(2, NOW).executeUpdate();
    }

    private void installed(String repo, long installation) {
        em.createNativeQuery("INSERT INTO installed_repo (installation_id, repo, updated_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, installation).setParameter(2, repo).setParameter(3, NOW).executeUpdate();
    }
}
