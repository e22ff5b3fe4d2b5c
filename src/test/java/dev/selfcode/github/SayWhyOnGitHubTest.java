package dev.selfcode.github;

import static dev.selfcode.github.JobFixtures.GOOD_HELPER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHRepository;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.RepoConfigReader;
import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.Stage;
import dev.selfcode.engine.UnusableEvaluation;
import dev.selfcode.job.Job;
import dev.selfcode.job.JobResult;
import dev.selfcode.job.JobWorker;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Sandbox;
import dev.selfcode.testing.FakeCheckRun;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.GitRepos;

/**
 * What a maintainer sees on GitHub when a measurement cannot be used: the issue comment and the check run's summary
 * name the cause, the limit that was hit, the failing step's lines and a hint. A base that cannot be measured is said
 * to be so, not reported as a verdict on the change. Real sandbox runs (memory, time, a missing runner, a Maven
 * compile error) and, for the statuses other parts of the sandbox produce, evaluations made here.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class SayWhyOnGitHubTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger REPOS = new AtomicInteger();
    private static final String PYTEST = "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n";

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @Inject
    PatchJobHandler handler;
    @Inject
    InstallationAccess access;
    @Inject
    GitHubWrites writes;
    @Inject
    Sandbox sandbox;
    @Inject
    SelfcodeConfig settings;

    OpenAiStub llm;

    @BeforeEach
    void clean() {
        JobFixtures.clearQueue();
        llm = OpenAiStubResource.stub();
        llm.reset();
    }

    String repo(Map<String, String> extra) {
        String name = "octo/why-" + REPOS.incrementAndGet();
        Map<String, String> files = new HashMap<>(JobFixtures.PYTHON_REPO);
        files.putAll(extra);
        fake.createRepo(name, files);
        fake.setPermission(name, "maintainer", "write");
        return name;
    }

    List<FakeComment> botComments(String repo, int number) {
        return fake.comments(repo, number).stream().filter(c -> !c.user().equals("maintainer")).toList();
    }

    /** Runs a whole /selfcode job on {@code repo}; returns the bot's one comment. */
    String job(String repo) {
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        llm.answer(GOOD_HELPER);
        JobFixtures.command(fake, repo, issue, "/selfcode --file calc.py add a multiply helper", false);
        assertThat(worker.runOnce(JOB_TIMEOUT)).isEqualTo(1);
        Job job = JobFixtures.jobs(repo).get(0);
        assertThat(job.status).as(job.lastError).isEqualTo(Job.Status.SUCCEEDED);
        assertThat(job.result).startsWith("base not measured: evaluate: the base branch does not pass its own checks");
        assertThat(fake.pulls(repo)).isEmpty();
        assertThat(fake.pushes()).noneMatch(p -> p.repo().equals(repo));
        return botComments(repo, issue).stream().map(FakeComment::body).reduce((a, b) -> b).orElseThrow();
    }

    FakeCheckRun checkRun(String repo) {
        List<FakeCheckRun> runs = fake.checkRuns(repo);
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    @Test
    void aBaseThatRunsOutOfMemoryIsExplainedInTheCommentAndTheCheckRun() {
        String repo = repo(Map.of("test_calc.py", "from calc import add\n\n\ndef test_add():\n"
                + "    hoard = b'x' * (400 * 1024 * 1024)\n    assert add(1, 2) == 3 and hoard\n",
                ".github/selfcode.yml", PYTEST + "limits: { memory: 128m, timeout: 60s }\n"));
        String comment = job(repo);
        assertThat(comment).contains("Selfcode did not try this request: the base branch does not pass its own checks:"
                + " a process was killed for using more than the memory limit of 128 MiB")
                .contains("not a verdict on the change").contains("**Limit hit:** memory limit of 128 MiB")
                .contains("The last lines of the `test` step (exit ")
                .contains("**Hint:** if the checks need more memory, raise `limits: { memory: ... }`")
                .contains("Fix the base branch (or the limits");
        FakeCheckRun run = checkRun(repo);
        assertThat(run.conclusion()).isEqualTo("neutral");
        assertThat(run.title()).isEqualTo("Selfcode: the base branch cannot be measured");
        assertThat(run.summary()).contains("the base branch does not pass its own checks")
                .contains("**Limit hit:** memory limit of 128 MiB").contains("**Hint:**");
    }

    @Test
    void aConfiguredRunnerThatIsNotInstalledIsNamedAndTheUserIsToldToFixTheConfig() {
        String repo = repo(Map.of(".github/selfcode.yml", "test: uvu tests > $SELFCODE_OUT/junit.xml\n"));
        String comment = job(repo);
        assertThat(comment).contains("The last lines of the `test` step (exit 127)").contains("uvu: not found")
                .contains("**Hint:** `uvu` is not installed in the sandbox image selfcode/python:3.11")
                .contains("Fix `.github/selfcode.yml` (or the base branch)");
        assertThat(checkRun(repo).summary()).contains("uvu: not found").contains("`uvu` is not installed");
    }

    /** Reports {@code outcome} for a new issue of a new repository as the handler does after the engine; returns the comment. */
    String report(String repo, PatchOutcome outcome) throws Exception {
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");
        PatchJob p = new PatchJob(repo, fake.installationId("octo"), issue, "add a multiply helper", "calc.py", null,
                null, "comment", null, null, null);
        GHRepository gh = access.repository(p.installationId(), repo);
        CheckRunProgress progress = CheckRunProgress.start(writes, gh, fake.branchSha(repo, "main").orElseThrow(),
                p.description());
        Job job = new Job();
        job.id = 999_999L;
        job.attempts = 1;
        job.maxAttempts = 1;
        JobResult result = handler.report(job, p, gh, progress, outcome);
        assertThat(result.toString()).isNotBlank();
        return botComments(repo, issue).stream().map(FakeComment::body).reduce((a, b) -> b).orElse("");
    }

    Evaluation run(Map<String, String> files) throws Exception {
        Path dir = GitRepos.create(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "why-gh-"), files);
        return sandbox.evaluate(dir, new RepoConfigReader(settings.sandbox()).read(dir));
    }

    RepoConfig config(Map<String, String> files) throws Exception {
        Path dir = GitRepos.create(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "why-gh-"), files);
        return new RepoConfigReader(settings.sandbox()).read(dir);
    }

    @Test
    void aTimeOutAndAMavenCompileErrorOfTheBaseAreExplained() throws Exception {
        Map<String, String> slow = new HashMap<>(JobFixtures.PYTHON_REPO);
        slow.put("test_calc.py", "import time\n\n\ndef test_add():\n    print('waiting', flush=True)\n"
                + "    time.sleep(120)\n");
        slow.put(".github/selfcode.yml", PYTEST + "limits: { memory: 512m, timeout: 3s }\n");
        Evaluation timedOut = run(slow);
        String repo = repo(Map.of());
        String comment = report(repo, PatchOutcome.failed(1, Stage.EVALUATE,
                UnusableEvaluation.ofBase(timedOut, config(slow), outputLimit()), Map.of()));
        assertThat(comment).contains("the base branch does not pass its own checks: timed out after 3 s in step 'test'")
                .contains("**Limit hit:** time limit of 3 s").contains("raise `limits: { timeout: ... }`");
        assertThat(checkRun(repo).summary()).contains("timed out after 3 s").contains("**Limit hit:** time limit of 3 s");

        Map<String, String> maven = new HashMap<>();
        maven.put("pom.xml", Files.readString(Path.of("scripts/maven-seed/pom.xml")));
        maven.put("src/main/java/demo/Other.java", "package demo;\n\nclass Other {\n    int broken = \"text\";\n}\n");
        maven.put("src/test/java/demo/OtherTest.java", "package demo;\n\nclass OtherTest {\n}\n");
        maven.put(".github/selfcode.yml", "test: mvn -o -B -q -Dmaven.repo.local=$SELFCODE_M2 test\n"
                + "limits: { cpus: 2, memory: 1g, timeout: 5m }\n");
        Evaluation broken = run(maven);
        String mavenRepo = repo(Map.of());
        String mavenComment = report(mavenRepo, PatchOutcome.failed(2, Stage.EVALUATE,
                UnusableEvaluation.ofBase(broken, config(maven), outputLimit()), Map.of()));
        assertThat(mavenComment).contains("The last lines of the `test` step (exit 1)").contains("[ERROR]")
                .contains("Other.java:[4,").contains("incompatible types").doesNotContain("Re-run Maven");
        assertThat(checkRun(mavenRepo).summary()).contains("Other.java:[4,");
    }

    int outputLimit() {
        return settings.sandbox().outputLimit();
    }

    static RepoConfig nodeConfig() {
        return new RepoConfig("selfcode/node:20", null, null, "npm test", null, null, Optional.empty(), List.of(),
                new RepoConfig.Limits(1, 512L << 20, Duration.ofMinutes(1)), new RepoConfig.Sweep("0 3 * * 1", false),
                Optional.empty(), true, "npm ci", RepoConfig.Counting.REPORTS);
    }

    static Evaluation evaluation(Evaluation.Status status, Map<String, Integer> exits, String log, String cause) {
        return new Evaluation(status, 2, 0, 0, 0, 0, Optional.empty(), Map.of(), 0.5, 1 << 20, 1.5, exits, log,
                List.of(), cause);
    }

    @Test
    void causesOfTheDependencyPhaseAndOfDisagreeingReportsPassThrough() throws Exception {
        Evaluation deps = evaluation(Evaluation.Status.DEPS_FAILED, Map.of("deps", 1),
                "$ deps\nnpm error 403 Forbidden - GET https://evil.example/left-pad\n[deps exited 1]\n",
                "the proxy refused evil.example (not an allowed registry)");
        String repo = repo(Map.of());
        String comment = report(repo, PatchOutcome.failed(3, Stage.EVALUATE,
                UnusableEvaluation.ofBase(deps, nodeConfig(), 1000), Map.of()));
        assertThat(comment).contains("the base branch does not pass its own checks: the proxy refused evil.example")
                .contains("The last lines of the `deps` step (exit 1)").contains("npm error 403 Forbidden");
        assertThat(checkRun(repo).summary()).contains("the proxy refused evil.example (not an allowed registry)");

        // A candidate whose dependencies could not be installed is not rejected: the job failed, and says why.
        String candidateRepo = repo(Map.of());
        String failed = report(candidateRepo, PatchOutcome.failed(4, Stage.EVALUATE,
                UnusableEvaluation.ofCandidate(deps, nodeConfig(), 1000), Map.of()));
        assertThat(failed).contains("The **evaluate** stage failed: evaluate: the candidate does not pass the checks:")
                .contains("**Cause:** the proxy refused evil.example");
        assertThat(checkRun(candidateRepo).conclusion()).isEqualTo("failure");

        Evaluation inconsistent = evaluation(Evaluation.Status.INCONSISTENT, Map.of("test", 1),
                "$ test\n3 passing\n[test exited 1]\n", "the test step exited 1 but its report shows no failing test");
        String revertedRepo = repo(Map.of());
        PatchOutcome rejected = PatchOutcome.failed(5, Stage.EVALUATE,
                UnusableEvaluation.ofCandidate(inconsistent, nodeConfig(), 1000), Map.of());
        report(revertedRepo, rejected);
        FakeCheckRun run = checkRun(revertedRepo);
        assertThat(run.title()).isEqualTo("Selfcode: reverted");
        assertThat(run.summary()).contains("the test step exited 1 but its report shows no failing test")
                .contains("3 passing");
        // The rejection comment itself is the publisher's, from the same parts.
        String revert = Markdown.revertComment("add a multiply helper", null, rejected.decision().reasons(), 0.5, 5,
                false, WhyShown.markdown(rejected.why())).render();
        assertThat(revert).contains("the candidate does not pass the checks: the test step exited 1")
                .contains("The last lines of the `test` step (exit 1)").contains("3 passing");
    }
}
