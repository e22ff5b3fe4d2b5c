package dev.selfcode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.ModuleError;

/** The worst-module rule over samples recorded in the real MariaDB: means, the tie rule, the window, the chunk. */
@QuarkusTest
class WorstModuleTest {

    @Inject
    PatchHistory history;
    @Inject
    WorstModule worst;

    static Evaluation withErrors(ModuleError... errors) {
        return new Evaluation(Evaluation.Status.OK, 1, 0, 0, 0, 0, Optional.empty(), Map.of(), 0, 0, 0, Map.of(), "",
                List.of(), "", List.of(errors));
    }

    private int commits;

    void sample(String repo, ModuleError... errors) {
        String sha = String.format("%040x", ++commits);
        Evaluation e = withErrors(errors);
        history.sample(repo, sha, Metrics.of(e, e), e);
    }

    static String repo() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void equalMeansGoToTheModuleWithTheMoreRecentErrors() {
        String repo = repo();
        sample(repo, new ModuleError("x.py", "f", 0, 2));
        sample(repo, new ModuleError("y.py", "g", 2, 0));
        sample(repo);

        ModuleRanking r = worst.rank(repo);
        assertThat(r.window()).isEqualTo(3);
        assertThat(r.modules()).extracting(ModuleRanking.Module::file).containsExactly("y.py", "x.py");
        assertThat(r.modules().get(0).meanErrors()).isEqualTo(2.0 / 3);
        assertThat(r.modules().get(1).meanErrors()).isEqualTo(2.0 / 3);
        assertThat(worst.find(repo).map(ModuleRanking.Module::file)).hasValue("y.py");

        // A new error in x.py breaks the tie the other way.
        sample(repo, new ModuleError("x.py", "f", 1, 0), new ModuleError("y.py", "g", 1, 0));
        assertThat(worst.find(repo).map(ModuleRanking.Module::file)).hasValue("y.py");
        sample(repo, new ModuleError("x.py", "f", 1, 0));
        assertThat(worst.find(repo).map(ModuleRanking.Module::file)).hasValue("x.py");
    }

    @Test
    void theHighestMeanWinsAndItsChunkWithTheMostErrorsIsNamed() {
        String repo = repo();
        sample(repo, new ModuleError("a.py", "one", 1, 0), new ModuleError("b.py", "small", 0, 1),
                new ModuleError("b.py", "big", 2, 1), new ModuleError("b.py", null, 5, 0));
        sample(repo, new ModuleError("a.py", "one", 1, 0), new ModuleError("b.py", "big", 0, 1));
        sample(repo, new ModuleError("b.py", "small", 1, 0));

        ModuleRanking r = worst.rank(repo);
        ModuleRanking.Module b = r.modules().get(0);
        assertThat(b.file()).isEqualTo("b.py");
        assertThat(b.meanErrors()).isEqualTo(11.0 / 3);
        assertThat(b.function()).as("errors outside any function name no chunk").hasValue("big");
        assertThat(b.samplesWithErrors()).isEqualTo(3);
        assertThat(b.latestErrors()).isEqualTo(1);
        assertThat(r.modules().get(1).file()).isEqualTo("a.py");
        assertThat(r.modules().get(1).latestErrors()).isZero();
    }

    @Test
    void fewerThanThreeSamplesPickNothing() {
        String repo = repo();
        sample(repo, new ModuleError("a.py", "one", 3, 0));
        sample(repo, new ModuleError("a.py", "one", 3, 0));
        ModuleRanking r = worst.rank(repo);
        assertThat(r.enough()).isFalse();
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.modules()).hasSize(1);
        assertThat(worst.find(repo)).isEmpty();
    }

    @Test
    void onlyTheNewestHundredModuleRowsCount() {
        String repo = repo();
        // Old errors in old.py, then 50 samples of two rows each: the newest 100 rows leave old.py out.
        for (int i = 0; i < 5; i++) {
            sample(repo, new ModuleError("old.py", null, 100, 0));
        }
        List<ModuleError> two = new ArrayList<>(List.of(new ModuleError("a.py", null, 1, 0),
                new ModuleError("b.py", null, 0, 2)));
        for (int i = 0; i < 50; i++) {
            sample(repo, two.toArray(ModuleError[]::new));
        }
        ModuleRanking r = worst.rank(repo);
        assertThat(r.samples()).isEqualTo(55);
        assertThat(r.rows()).isEqualTo(WorstModule.ROWS);
        assertThat(r.window()).isEqualTo(50);
        assertThat(r.modules()).extracting(ModuleRanking.Module::file).containsExactly("b.py", "a.py");
        assertThat(r.modules().get(0).meanErrors()).isEqualTo(2.0);
    }

    @Test
    void aCommitIsSampledOnceWithItsModuleRows() {
        String repo = repo();
        Evaluation e = withErrors(new ModuleError("a.py", "one", 1, 1));
        history.sample(repo, "f".repeat(40), Metrics.of(e, e), e);
        history.sample(repo, "f".repeat(40), Metrics.of(e, e), e);
        assertThat(worst.rank(repo).samples()).isEqualTo(1);
        assertThat(worst.rank(repo).rows()).isEqualTo(1);
    }
}
