package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.code.Language;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Prediction;

/** The publish stage commits a kept change and hands the publisher a read-only report; nothing else. */
@QuarkusTest
class PublishPatchTest {

    static final Metrics BASE = new Metrics(10, 2, 1, Metrics.RoiSource.PASSED_TESTS);

    @TempDir
    Path tmp;

    final List<String> calls = new ArrayList<>();
    final Publisher publisher = new Publisher() {

        @Override
        public Optional<String> keep(PatchReport report) {
            calls.add("keep " + report.headSha().orElse("none"));
            return Optional.of("shown");
        }

        @Override
        public void revert(PatchReport report) {
            calls.add("revert " + report.decision().orElseThrow().reasons());
        }
    };

    @Test
    void aKeptChangeIsCommittedWithTheTableThenPublished() throws Exception {
        var tree = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        try (var wt = tree.worktree()) {
            wt.write("calc.py", StageFixtures.CALC + "\n\ndef mul(a, b):\n    return a * b\n");
            Decision keep = PatchPolicy.decide(BASE, BASE, Prediction.none(0), tree.threshold());
            var report = PatchReport.start(StageFixtures.request(tmp, "calc.py", "add mul"), 9).checkedOut(tree)
                    .decided(null, Prediction.none(0), keep);

            var published = PublishPatch.run(report, publisher);

            String sha = published.report().headSha().orElseThrow();
            assertThat(calls).containsExactly("keep " + sha);
            assertThat(published.shown()).contains("shown");
            assertThat(published.summary()).isEqualTo("shown");
            try (Git git = Git.open(wt.dir().toFile())) {
                RevCommit head = git.log().setMaxCount(1).call().iterator().next();
                assertThat(head.getName()).isEqualTo(sha);
                assertThat(head.getFullMessage()).startsWith("selfcode: add mul\n\nPatch #9, kept by Selfcode")
                        .contains(DecisionTable.text(keep));
            }
        }
    }

    @Test
    void aRevertedChangeIsOnlyExplained() throws Exception {
        var tree = StageFixtures.checkedOut(tmp, "calc.py", StageFixtures.CALC, Language.PYTHON);
        try (var wt = tree.worktree()) {
            Decision revert = PatchPolicy.decide(BASE, new Metrics(5, 2, 1, Metrics.RoiSource.PASSED_TESTS),
                    Prediction.none(0), tree.threshold());
            var report = PatchReport.start(StageFixtures.request(tmp, "calc.py", "add mul"), 9).checkedOut(tree)
                    .decided(null, Prediction.none(0), revert);

            var published = PublishPatch.run(report, publisher);

            assertThat(calls).containsExactly("revert " + revert.reasons());
            assertThat(published.report().headSha()).isEmpty();
            assertThat(published.summary()).isEqualTo("reverted; the repository is unchanged");
        }
    }
}
