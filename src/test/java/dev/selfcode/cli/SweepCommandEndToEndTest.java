package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.selfcode.guardrail.GuardrailSkip;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.sweep.Sweep;
import picocli.CommandLine;

/**
 * {@code selfcode sweep} end to end on a Python repository whose b.py has a failing test and a lint finding: the
 * first sweeps only measure (too few samples), the third picks b.py's {@code divide} and runs the engine on it
 * (the template generator, allowed by {@code template_prs}), keeping the result on one branch that a later sweep
 * reuses; without {@code template_prs} the same sweep only reports what it would do.
 */
@QuarkusTest
@TestProfile(SweepCommandEndToEndTest.TemplateSweeps.class)
class SweepCommandEndToEndTest {

    /** No LLM for sweeps: the offline template generator, whose sweeps need template_prs to open anything. */
    public static class TemplateSweeps implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selfcode.sweeps.generator", "template");
        }
    }

    @Inject
    CommandLine.IFactory factory;

    Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sweep-");
    }

    private Path repo(String name, String sweepKey) throws Exception {
        Map<String, String> files = WorstCommandEndToEndTest.files();
        files.put(".github/selfcode.yml", files.get(".github/selfcode.yml") + sweepKey + "\n");
        return TestRepos.create(root.resolve(name), files);
    }

    private CliRun sweep(Path repo) {
        return CliRun.of(factory, "sweep", "--repo", repo.toString());
    }

    @Test
    void theThirdSweepRefactorsTheWorstModuleOnOneBranch() throws Exception {
        Path repo = repo("prs", "sweep: { refactor_worst: true, template_prs: true }");

        CliRun first = sweep(repo);
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("sweep: measured").contains("3 samples, and 2 more are needed");
        WorstCommandEndToEndTest.commit(repo, "a.py", "def add(x, y):\n    return x + y\n\n\nZERO = 0\n");
        assertThat(sweep(repo).exit()).isZero();
        WorstCommandEndToEndTest.commit(repo, "README.md", "# demo\n");

        CliRun third = sweep(repo);
        assertThat(third.out()).contains("refactored b.py (divide)");
        assertThat(third.exit()).as(third.out()).isIn(0, 3);
        PatchAttempt attempt = QuarkusTransaction.requiringNew().call(() -> PatchAttempt
                .<PatchAttempt>find("repo = ?1 order by id desc", CliRepos.name(repo)).firstResult());
        assertThat(attempt.trigger).isEqualTo("sweep");
        assertThat(attempt.filePath).isEqualTo("b.py");
        assertThat(attempt.description).startsWith("Refactor `divide` in `b.py`");

        CliRun again = sweep(repo);
        assertThat(again.out()).as("an unchanged default branch runs no sandbox for its measurement")
                .contains("unchanged since the last measurement");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.branchList().call()).filteredOn(r -> r.getName().startsWith("refs/heads/selfcode/"))
                    .allMatch(r -> r.getName().equals("refs/heads/" + Sweep.BRANCH));
        }
    }

    @Test
    void withoutAnLlmOrTemplatePrsTheSweepOnlyReports() throws Exception {
        Path repo = repo("report", "sweep: { refactor_worst: true }");
        assertThat(sweep(repo).exit()).isZero();
        WorstCommandEndToEndTest.commit(repo, "a.py", "def add(x, y):\n    return x + y\n\n\nZERO = 0\n");
        assertThat(sweep(repo).exit()).isZero();
        WorstCommandEndToEndTest.commit(repo, "README.md", "# demo\n");

        CliRun third = sweep(repo);
        assertThat(third.exit()).as(third.out()).isZero();
        assertThat(third.out()).contains("would refactor b.py (divide)").contains("sweep.template_prs: true");
        long attempts = QuarkusTransaction.requiringNew()
                .call(() -> PatchAttempt.count("repo = ?1", CliRepos.name(repo)));
        assertThat(attempts).as("no patch was attempted").isZero();
    }

    @Test
    void aSweepOverTheDailyBudgetIsSkippedAndRecorded() throws Exception {
        Path repo = repo("budget", "sweep: { refactor_worst: true, template_prs: true }\nmax_patches_per_day: 1");
        for (int i = 0; i < 3; i++) {
            WorstCommandEndToEndTest.commit(repo, "notes" + i + ".txt", "n" + i + "\n");
            assertThat(sweep(repo).exit()).isIn(0, 3);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> PatchAttempt.count("repo = ?1", CliRepos.name(repo))))
                .isEqualTo(1);
        WorstCommandEndToEndTest.commit(repo, "notes9.txt", "n9\n");
        CliRun over = sweep(repo);
        assertThat(over.exit()).as(over.out()).isZero();
        assertThat(over.out()).contains("refactoring b.py (divide) skipped").contains("max_patches_per_day");
        assertThat(QuarkusTransaction.requiringNew().call(() -> GuardrailSkip.count("repo = ?1", CliRepos.name(repo))))
                .isEqualTo(1);
    }
}
