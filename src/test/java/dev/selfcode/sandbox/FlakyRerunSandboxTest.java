package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;

/**
 * A base evaluation runs its failing tests once more in the same sandbox: a test that fails first and passes then is
 * named as passed on the re-run, a test that fails both times is not; a candidate's evaluation is never re-run.
 */
class FlakyRerunSandboxTest {

    /** Fails on its first run in a sandbox, passes afterwards: the workspace keeps its marker between the runs. */
    static final String FLAKY_TEST = """
            import os

            MARK = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".flaky-ran")


            def test_flaky():
                if not os.path.exists(MARK):
                    open(MARK, "w").close()
                    assert False, "first run in this sandbox"
            """;

    @TempDir
    Path repo;

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON);
    }

    @Test
    void aTestThatFailsFirstAndPassesOnTheRerunIsNamed() {
        write(repo, "test_flaky.py", FLAKY_TEST);
        write(repo, "test_broken.py", "def test_broken():\n    assert 1 == 2\n");
        write(repo, "test_fine.py", "def test_fine():\n    pass\n");
        RepoConfig config = configOf(repo, "test: python3 -m pytest -q -p no:cacheprovider"
                + " --junitxml=$SELFCODE_OUT/junit.xml\nlimits: { memory: 512m, timeout: 2m }\n");

        Evaluation base = SandboxTestSupport.sandbox().evaluateBase(repo, config);

        assertThat(base.status()).as(base.toString()).isEqualTo(Evaluation.Status.OK);
        // The counts are the first run's; the re-run only says which failures passed then.
        assertThat(base.passed()).isEqualTo(1);
        assertThat(base.failed()).isEqualTo(2);
        assertThat(base.failingIds()).containsExactly("test_broken::test_broken", "test_flaky::test_flaky");
        assertThat(base.rerunPassed()).containsExactly("test_flaky::test_flaky");

        Evaluation candidate = SandboxTestSupport.sandbox().evaluate(repo, config);
        assertThat(candidate.failingIds()).containsExactly("test_broken::test_broken", "test_flaky::test_flaky");
        assertThat(candidate.rerunPassed()).as("a candidate is never re-run").isEmpty();
    }

    @Test
    void aBaseWithoutFailingTestsRunsOnce() {
        write(repo, "test_fine.py", "import os\n\n\ndef test_fine():\n    open('runs', 'a').write('x')\n"
                + "    assert open('runs').read() == 'x'\n");
        RepoConfig config = configOf(repo, "test: python3 -m pytest -q -p no:cacheprovider"
                + " --junitxml=$SELFCODE_OUT/junit.xml\nlimits: { memory: 512m, timeout: 2m }\n");

        Evaluation base = SandboxTestSupport.sandbox().evaluateBase(repo, config);

        assertThat(base.status()).as(base.toString()).isEqualTo(Evaluation.Status.OK);
        assertThat(base.passed()).isEqualTo(1);
        assertThat(base.failingIds()).isEmpty();
        assertThat(base.rerunPassed()).isEmpty();
    }
}
