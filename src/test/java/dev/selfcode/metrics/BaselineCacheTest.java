package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.testsupport.FakeSecrets;

/** A cached baseline keeps its numbers, and its log tail without the secrets a repository's steps printed. */
@QuarkusTest
class BaselineCacheTest {

    static final String TOKEN = FakeSecrets.GITHUB_TOKEN;

    @Inject
    BaselineCache cache;
    @Inject
    SelfcodeConfig config;

    @TempDir
    Path repo;

    @Test
    void aStoredBaselineComesBackWithItsLogTailRedacted() throws Exception {
        Files.writeString(repo.resolve("test_a.py"), "def test_a():\n    pass\n");
        RepoConfig repoConfig = new RepoConfigReader(config.sandbox()).read(repo);
        String name = "acme/cache-" + System.nanoTime();
        Evaluation base = new Evaluation(Evaluation.Status.OK, 3, 0, 0, 0, 1, Optional.of(81.5), Map.of(), 1.5,
                64L << 20, 2.0, Map.of("test", 0), "3 passed\nGITHUB_TOKEN=" + TOKEN + "\n");

        cache.store(name, "a".repeat(40), repoConfig, base);

        Evaluation found = cache.find(name, "a".repeat(40), repoConfig).orElseThrow();
        assertThat(found.passed()).isEqualTo(3);
        assertThat(found.coverage()).contains(81.5);
        assertThat(found.logTail()).isEqualTo("3 passed\nGITHUB_TOKEN=[REDACTED github-token]\n");
        String row = QuarkusTransaction.requiringNew()
                .call(() -> EvaluationCacheEntry.<EvaluationCacheEntry>find("repo", name).firstResult().evaluation);
        assertThat(row).doesNotContain(TOKEN);
    }
}
