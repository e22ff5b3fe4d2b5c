package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.memory.MemoryStore;
import dev.selfcode.sandbox.Evaluation;

/** Using and forgetting a learned setup command (MariaDB; the learning itself is LearnedSetupEndToEndTest's). */
@QuarkusTest
class LearnedSetupTest {

    @Inject
    LearnedSetup learnedSetup;
    @Inject
    MemoryStore notes;

    @TempDir
    Path tmp;

    @Test
    void aLearnedSetupRunsOnlyWhereTheConfigNamesNoneAndIsForgottenWhenItFails() {
        String repo = "acme/learned-" + System.nanoTime();
        RepoConfig plain = StageFixtures.config();
        assertThat(learnedSetup.apply(repo, plain).setup()).isNull();

        notes.write(repo, MemoryStore.SETUP_COMMAND, GptMemory.INSIGHT, LearnedSetup.PIP_EDITABLE);
        RepoConfig learned = learnedSetup.apply(repo, plain);
        assertThat(learned.setup()).isEqualTo(LearnedSetup.PIP_EDITABLE);
        assertThat(learnedSetup.apply(repo, plain.withSetup("make install")).setup()).isEqualTo("make install");

        Evaluation setupFailed = new Evaluation(Evaluation.Status.BUILD_FAILED, 0, 0, 0, 0, 0, Optional.empty(),
                Map.of(), 0, 0, 0, Map.of("setup", 1), "error: no setuptools", List.of(), "setup failed");
        learnedSetup.afterBase(repo, tmp, learned, setupFailed);

        assertThat(notes.latest(repo, MemoryStore.SETUP_COMMAND)).isEmpty();
        assertThat(notes.versions(repo, MemoryStore.SETUP_COMMAND)).extracting(MemoryStore.Note::version)
                .containsExactly(1, 2);
        assertThat(notes.search(repo, null, "setup", 5)).isEmpty();
        assertThat(learnedSetup.apply(repo, plain).setup()).isNull();
    }
}
