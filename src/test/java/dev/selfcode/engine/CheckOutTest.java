package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.Language;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.config.Threshold;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/** The checkout stage on real local git repositories (the code index, used to pick a file, is in MariaDB). */
@QuarkusTest
class CheckOutTest {

    @Inject
    CheckOut checkOut;
    @Inject
    SelfcodeConfig config;

    @TempDir
    Path tmp;

    @Test
    void aNamedFileIsReadWithTheRepoConfigOnceAndTheServerThreshold() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("r"), Map.of("calc.py", StageFixtures.CALC, "test_calc.py",
                StageFixtures.TEST));
        var tree = checkOut.run(StageFixtures.request(repo, "calc.py", "add mul"), 7);
        try (var wt = tree.worktree()) {
            assertThat(tree.filePath()).isEqualTo("calc.py");
            assertThat(tree.language()).isEqualTo(Language.PYTHON);
            assertThat(tree.original()).isEqualTo(StageFixtures.CALC);
            assertThat(tree.config().inferred()).isTrue();
            assertThat(tree.threshold()).isEqualTo(config.threshold());
            assertThat(wt.branch()).isEqualTo("selfcode/7-add-mul");
            assertThat(tree.summary()).contains("branch selfcode/7-add-mul").contains("(inferred defaults)");
        }
    }

    @Test
    void theRequestsThresholdBeatsTheRepoConfigsWhichBeatsTheServers() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("r"), Map.of("calc.py", StageFixtures.CALC,
                "test_calc.py", StageFixtures.TEST, ".github/selfcode.yml", "test: pytest\nthreshold: 0.125\n"));
        var fromRepo = checkOut.run(StageFixtures.request(repo, "calc.py", "a"), 1);
        fromRepo.worktree().close();
        assertThat(fromRepo.threshold()).isEqualTo(Threshold.of(0.125));

        PatchRequest r = StageFixtures.request(repo, "calc.py", "a");
        var own = new PatchRequest(r.repo(), r.remote(), r.baseRef(), r.targetFile(), r.description(),
                Optional.of(Threshold.of(2)), r.generator(), r.afterChunk(), r.trigger(), r.jobId(), r.branch());
        var fromRequest = checkOut.run(own, 2);
        fromRequest.worktree().close();
        assertThat(fromRequest.threshold()).isEqualTo(Threshold.of(2));
    }

    @Test
    void withoutANamedFileItPicksASourceFileNotATest() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("r"), Map.of("calc.py", StageFixtures.CALC, "test_calc.py",
                StageFixtures.TEST));
        var tree = checkOut.run(StageFixtures.request(repo, null, "add a helper that multiplies"), 3);
        try (var wt = tree.worktree()) {
            assertThat(tree.filePath()).isEqualTo("calc.py");
            assertThat(tree.original()).isEqualTo(StageFixtures.CALC);
        }
    }

    @Test
    void itFindsTheChunkToInsertAfterAndNamesTheOthersWhenItIsMissing() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("r"), Map.of("calc.py", StageFixtures.CALC, "test_calc.py",
                StageFixtures.TEST));
        PatchRequest r = StageFixtures.request(repo, "calc.py", "a");
        var after = checkOut.run(withAfter(r, "add"), 4);
        after.worktree().close();
        assertThat(after.afterChunk()).get().extracting(c -> c.symbol()).isEqualTo("add");

        assertThatThrownBy(() -> checkOut.run(withAfter(r, "mul"), 5)).isInstanceOfSatisfying(StageFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT);
                    assertThat(f.getMessage()).contains("no chunk named 'mul'").contains("add, sub");
                });
    }

    @Test
    void badInputIsRefusedAndLeavesNoWorktreeBehind() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("r"), Map.of("calc.py", StageFixtures.CALC, "README.md", "# r\n",
                "test_calc.py", StageFixtures.TEST,
                ".github/selfcode.yml", "test: pytest\npaths: [\"src/**\"]\n"));
        long before = worktrees();

        assertThatThrownBy(() -> checkOut.run(StageFixtures.request(repo, "README.md", "a"), 1))
                .isInstanceOfSatisfying(StageFailure.class, f -> assertThat(f.getMessage()).contains("unsupported file type"));
        assertThatThrownBy(() -> checkOut.run(StageFixtures.request(repo, "calc.py", "a"), 1))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT);
                    assertThat(f.getMessage()).contains("does not let Selfcode write calc.py");
                });
        assertThat(worktrees()).isEqualTo(before);
    }

    private static PatchRequest withAfter(PatchRequest r, String chunk) {
        return new PatchRequest(r.repo(), r.remote(), r.baseRef(), r.targetFile(), r.description(), r.threshold(),
                r.generator(), Optional.of(chunk), r.trigger(), r.jobId(), r.branch());
    }

    private long worktrees() throws Exception {
        Path dir = config.dataDir().resolve("worktrees");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
