package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Evaluation.Status;

/** The one rule of whose fault an unusable measurement is, and the exit code and outcome that follow from it. */
class UnusableEvaluationTest {

    static RepoConfig config(boolean inferred) {
        return new RepoConfig("selfcode/python:3.11", null, null, "uvu tests", null, null, Optional.empty(), List.of(),
                new RepoConfig.Limits(1, 256L << 20, Duration.ofSeconds(30)), new RepoConfig.Sweep("0 3 * * 1", false),
                Optional.empty(), inferred, null, RepoConfig.Counting.REPORTS);
    }

    static Evaluation evaluation(Status status, Map<String, Integer> exits, String log, String cause) {
        return new Evaluation(status, 0, 0, 0, 0, 0, Optional.empty(), Map.of(), 0, 0, 1, exits, log, List.of(), cause);
    }

    static PatchOutcome base(Evaluation e, boolean inferred) {
        return PatchOutcome.failed(1, Stage.EVALUATE, UnusableEvaluation.ofBase(e, config(inferred), 1000), Map.of());
    }

    static PatchOutcome candidate(Evaluation e) {
        return PatchOutcome.failed(1, Stage.EVALUATE, UnusableEvaluation.ofCandidate(e, config(false), 1000), Map.of());
    }

    static final Evaluation TIMED_OUT = evaluation(Status.TIMEOUT, Map.of(), "$ test\nwaiting\n[test did not finish]\n",
            "timed out after 30 s in step 'test'; the container was killed");
    static final Evaluation OOM = evaluation(Status.BUILD_FAILED, Map.of("test", 137), "$ test\n[test exited 137]\n",
            "a process was killed for using more than the memory limit of 256 MiB");
    static final Evaluation MISSING = evaluation(Status.BUILD_FAILED, Map.of("test", 127),
            "$ test\nsh: 1: uvu: not found\n[test exited 127]\n", "the test step exited 127 without a JUnit report");
    static final Evaluation NO_TESTS = evaluation(Status.NO_TESTS, Map.of("test", 5), "$ test\nno tests ran\n[test exited 5]\n",
            "the JUnit reports contain no test");
    static final Evaluation DEPS = evaluation(Status.DEPS_FAILED, Map.of(), "", "the registry refused left-pad");
    static final Evaluation DOCKER = evaluation(Status.SANDBOX_ERROR, Map.of(), "", "cannot start the container");

    @Test
    void aBaseTheUserCanFixIsBadInputExitTwo() {
        for (Evaluation e : List.of(NO_TESTS, MISSING)) {
            PatchOutcome o = base(e, false);
            assertThat(o.status()).isEqualTo(PatchOutcome.Status.BASE_UNMEASURABLE);
            assertThat(o.failureKind()).contains(FailureKind.BAD_INPUT);
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.message()).startsWith("evaluate: the base branch does not pass its own checks: " + e.cause());
        }
    }

    @Test
    void aBaseThatCannotBeMeasuredForAnotherReasonExitsOne() {
        for (Evaluation e : List.of(TIMED_OUT, OOM, DEPS)) {
            PatchOutcome o = base(e, false);
            assertThat(o.status()).isEqualTo(PatchOutcome.Status.BASE_UNMEASURABLE);
            assertThat(o.failureKind()).contains(FailureKind.UNMEASURABLE);
            assertThat(o.exitCode()).isEqualTo(1);
        }
        // A command Selfcode inferred is not the user's input, also when its runner, counted by exit code, counts none.
        assertThat(base(MISSING, true).exitCode()).isEqualTo(1);
        assertThat(base(evaluation(Status.NO_TESTS, Map.of("test", 127), "sh: 1: uvu: not found\n", "no test ran"), true)
                .exitCode()).isEqualTo(1);
        // Docker failing says nothing about the base: a failure the queue retries.
        PatchOutcome docker = base(DOCKER, false);
        assertThat(docker.status()).isEqualTo(PatchOutcome.Status.FAILED);
        assertThat(docker.failureKind()).contains(FailureKind.TRANSIENT);
        assertThat(docker.message()).contains("the sandbox failed while measuring the base: cannot start the container");
    }

    @Test
    void aCandidateIsRejectedUnlessTheCauseIsNotItsOwn() {
        assertThat(candidate(TIMED_OUT).status()).isEqualTo(PatchOutcome.Status.REVERTED);
        assertThat(candidate(TIMED_OUT).exitCode()).isEqualTo(3);
        assertThat(candidate(OOM).message()).startsWith("evaluate: the candidate does not pass the checks: a process was"
                + " killed for using more than the memory limit of 256 MiB");
        assertThat(candidate(DEPS).status()).isEqualTo(PatchOutcome.Status.FAILED);
        assertThat(candidate(DOCKER).failureKind()).contains(FailureKind.TRANSIENT);
    }

    @Test
    void theExplanationNamesTheLimitAndAHintOnlyWhereTheyHelp() {
        Explanation baseTimeout = base(TIMED_OUT, false).why().orElseThrow();
        assertThat(baseTimeout.limit()).contains("time limit of 30 s");
        assertThat(baseTimeout.step()).isEqualTo("test");
        assertThat(baseTimeout.exitCode()).isEmpty();
        assertThat(baseTimeout.lines()).containsExactly("waiting");
        assertThat(baseTimeout.hint()).hasValueSatisfying(h -> assertThat(h).contains("limits: { timeout"));

        Explanation candidateOom = candidate(OOM).why().orElseThrow();
        assertThat(candidateOom.limit()).contains("memory limit of 256 MiB");
        assertThat(candidateOom.hint()).as("the candidate's memory is the candidate's fault").isEmpty();

        Explanation missing = base(MISSING, true).why().orElseThrow();
        assertThat(missing.hint()).hasValueSatisfying(h -> assertThat(h).startsWith("`uvu` is not installed in the "
                + "sandbox image selfcode/python:3.11").contains("Selfcode inferred `uvu tests`"));
        assertThat(base(NO_TESTS, false).why().orElseThrow().limit()).isEmpty();
    }
}
