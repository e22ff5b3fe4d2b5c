package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.guardrail.GuardrailRows;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.metrics.PatchAttempt;
import picocli.CommandLine;

/** {@code selfcode reset --repo DIR}: closes a local repository's circuit breaker in the real database. */
@QuarkusTest
class ResetCommandTest {

    @Inject
    CommandLine.IFactory factory;
    @Inject
    Guardrails guardrails;

    @Test
    void resetClosesAnOpenBreakerAndSaysWhatItWas() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "reset-");
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/selfcode.yml"), "test: pytest\nbreaker: 2\n");
        String repo = CliRepos.name(dir);
        GuardrailRows.attempt(repo, PatchAttempt.REVERT, Instant.now().minusSeconds(60));
        GuardrailRows.attempt(repo, PatchAttempt.REVERT, Instant.now().minusSeconds(30));
        RepoLimits limits = new RepoLimits(3, 10, 200_000, 2, List.of());
        assertThat(guardrails.breaker(repo, limits).open()).isTrue();

        CliRun r = CliRun.of(factory, "reset", "--repo", dir.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("circuit breaker reset for " + dir).contains("open after 2 rejected");
        assertThat(guardrails.breaker(repo, limits)).isEqualTo(new Guardrails.BreakerState(0, 2, false));
        assertThat(CliRun.of(factory, "reset", "--repo", dir.toString()).out()).contains("was not open")
                .contains("0 of 2");
    }

    @Test
    void aBadConfigOrAMissingFolderIsBadInput() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "reset-");
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/selfcode.yml"), "test: pytest\n\nbreaker: many\n");

        CliRun bad = CliRun.of(factory, "reset", "--repo", dir.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).contains(".github/selfcode.yml line 3: breaker must be a whole number >= 1");

        CliRun missing = CliRun.of(factory, "reset", "--repo", dir.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("no such directory");
    }
}
