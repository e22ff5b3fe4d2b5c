package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;

/** The evaluate stage runs the base and the candidate in the real Docker sandbox (selfcode/python image). */
@QuarkusTest
class EvaluatePatchTest {

    static final String CONFIG = "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n"
            + "limits: { memory: 512m, timeout: 2m }\n";

    @Inject
    CheckOut checkOut;
    @Inject
    EvaluatePatch evaluate;

    @TempDir
    Path tmp;

    @Test
    void baseAndCandidateAreMeasuredAndTheBaseIsCachedForItsCommit() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("eval-" + System.nanoTime()), Map.of("calc.py", StageFixtures.CALC,
                "test_calc.py", StageFixtures.TEST, ".github/selfcode.yml", CONFIG));
        PatchRequest request = StageFixtures.request(repo, "calc.py", "add mul");
        var tree = checkOut.run(request, 1);
        try (var wt = tree.worktree()) {
            var applied = ApplyHelper.apply(tree, code("def mul(a, b):\n    return a * b\n"));

            var first = evaluate.run(request.repo(), tree, applied);
            var second = evaluate.run(request.repo(), tree, applied);

            assertThat(first.baselineCached()).isFalse();
            assertThat(first.baseline().passed()).isEqualTo(1);
            assertThat(first.candidate().passed()).isEqualTo(1);
            assertThat(first.baseMetrics().roi()).isEqualTo(1);
            assertThat(first.summary()).startsWith("base 1 passed, 0 failed; candidate 1 passed, 0 failed");
            assertThat(second.baselineCached()).isTrue();
            assertThat(second.summary()).contains("(cached)");
        }
    }

    @Test
    void aCandidateThatCannotBeMeasuredIsRejectedWithItsLog() throws Exception {
        Path repo = StageFixtures.repo(tmp.resolve("eval-" + System.nanoTime()), Map.of("calc.py", StageFixtures.CALC,
                "test_calc.py", StageFixtures.TEST, ".github/selfcode.yml", CONFIG.replace("timeout: 2m", "timeout: 20s")));
        PatchRequest request = StageFixtures.request(repo, "calc.py", "add mul");
        var tree = checkOut.run(request, 2);
        try (var wt = tree.worktree()) {
            // Importing calc now hangs: the candidate's checks run past the time limit.
            var applied = ApplyHelper.apply(tree, code("import time\ntime.sleep(600)\n"));

            assertThatThrownBy(() -> evaluate.run(request.repo(), tree, applied)).isInstanceOfSatisfying(
                    StageFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                        assertThat(f.getMessage()).startsWith("the candidate");
                        assertThat(f.detail()).isNotBlank();
                    });
        }
    }

    private static GeneratedCode code(String code) {
        return new GeneratedCode(code, "template", "template", 0, 0, "", "");
    }
}
