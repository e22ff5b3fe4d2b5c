package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.EvaluationCacheEntry;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import picocli.CommandLine;

/**
 * {@code selfcode apply} end to end: the real CLI wiring, a real git repository made by the test, the real
 * langchain4j client against a local OpenAI-compatible stub, the real Docker sandbox and the real MariaDB.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class ApplyCommandEndToEndTest {

    @Inject
    CommandLine.IFactory factory;
    @Inject
    PatchHistory history;

    OpenAiStub llm;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        llm = OpenAiStubResource.stub();
        llm.reset();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-");
    }

    CliRun selfcode(String... args) {
        return CliRun.of(factory, args);
    }

    CliRun apply(Path repo, String file, String... more) {
        List<String> args = new ArrayList<>(List.of("apply", "--repo", repo.toString(), "--file", file, "--generator", "llm"));
        args.addAll(List.of(more));
        return selfcode(args.toArray(String[]::new));
    }

    static List<String> selfcodeBranches(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.branchList().call().stream().map(r -> r.getName()).filter(n -> n.contains("selfcode/")).toList();
        }
    }

    static void assertUntouched(Path repo, Map<String, String> files) throws Exception {
        for (var e : files.entrySet()) {
            assertThat(Files.readString(repo.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
        }
    }

    @Test
    void pythonHelperIsKeptARedefinitionIsRefusedAndTheBaselineIsCached() throws Exception {
        Map<String, String> files = TestRepos.python("60s");
        Path repo = TestRepos.create(root.resolve("py"), files);

        Path origin = root.resolve("origin.git");
        Git.init().setBare(true).setDirectory(origin.toFile()).call().close();
        try (Git git = Git.open(repo.toFile())) {
            var config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", origin.toUri().toString());
            config.save();
        }

        llm.answer("```python\ndef normalize_text(text):\n    return collapse_spaces(text).lower()\n```");
        CliRun kept = apply(repo, "textutils.py", "--push", "normalize text");
        assertThat(kept.exit()).as(kept.out()).isZero();
        assertThat(kept.out()).contains("[10/10] publish").contains("KEPT").contains("roi")
                .contains("tokens: " + (OpenAiStub.PROMPT_TOKENS + OpenAiStub.COMPLETION_TOKENS) + " ("
                        + OpenAiStub.PROMPT_TOKENS + " prompt + " + OpenAiStub.COMPLETION_TOKENS + " answer)");
        assertThat(selfcodeBranches(repo)).singleElement().asString().contains("selfcode/").contains("normalize-text");
        assertUntouched(repo, files);
        assertThat(selfcodeBranches(origin)).containsExactlyElementsOf(selfcodeBranches(repo));
        assertThat(kept.out()).contains("pushed to origin");
        PatchAttempt a = history.get(kept.patchId());
        assertThat(a.decision).isEqualTo(PatchAttempt.KEEP);
        assertThat(a.model).isEqualTo(OpenAiStub.MODEL);
        assertThat(a.promptTokens).isEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(a.diff).contains("+def normalize_text(text):");
        try (Git git = Git.open(repo.toFile())) {
            String branch = selfcodeBranches(repo).get(0);
            assertThat(git.getRepository().parseCommit(git.getRepository().resolve(branch)).getFullMessage())
                    .contains("normalize text");
        }

        // This helper redefines slugify (wrongly): the guard refuses it before anything runs.
        llm.answer("```python\ndef slugify(text):\n    return text\n```");
        CliRun reverted = apply(repo, "textutils.py", "faster slugify");
        assertThat(reverted.exit()).as(reverted.out()).isEqualTo(3);
        assertThat(reverted.out()).contains("REVERTED").contains("line 1: redefines slugify");
        assertThat(selfcodeBranches(repo)).hasSize(1);
        assertUntouched(repo, files);
        assertThat(history.get(reverted.patchId()).decision).isEqualTo(PatchAttempt.REVERT);

        // A second helper on the same base measures only the candidate: the baseline comes from the cache.
        llm.answer("```python\ndef title_text(text):\n    return collapse_spaces(text).title()\n```");
        CliRun second = apply(repo, "textutils.py", "title text");
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(second.out()).contains("(cached)").contains("KEPT");
        assertThat(countCache("local:" + repo)).isEqualTo(1);

        CliRun listed = selfcode("history", "--repo", repo.toString());
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("faster slugify").contains("REVERT").contains("normalize text").contains("KEEP");
    }

    @Test
    void mavenHelperIsKeptThenOneThatDropsCoverageIsReverted() throws Exception {
        Map<String, String> files = TestRepos.maven(400);
        Path repo = TestRepos.create(root.resolve("mvn"), files);

        // Calc.java is above the chunk threshold: its chunks are summarised first. The summarizer fails here, so the
        // prompt shows each chunk's definition line (nothing is cached, and the next patch asks again).
        llm.fail(500, "{\"error\":{\"message\":\"summarizer down\"}}");
        llm.answer("```java\npublic static int triple(int x) {\n    return 3 * x;\n}\n```");
        CliRun kept = apply(repo, "src/main/java/demo/Calc.java", "triple a number");
        assertThat(kept.exit()).as(kept.out()).isZero();
        assertThat(kept.out()).contains("coverage").contains("file of ").contains("tokens shown as chunk summaries");
        assertThat(selfcodeBranches(repo)).hasSize(1);

        StringBuilder untested = new StringBuilder("```java\npublic static int classify(int x) {\n");
        for (int i = 0; i < 12; i++) {
            untested.append("    if (x == ").append(i).append(") {\n        return ").append(i * 7).append(";\n    }\n");
        }
        untested.append("    return -1;\n}\n```");
        llm.fail(500, "{\"error\":{\"message\":\"summarizer down\"}}");
        llm.answer(untested.toString());
        CliRun reverted = apply(repo, "src/main/java/demo/Calc.java", "classify numbers");
        assertThat(reverted.exit()).as(reverted.out()).isEqualTo(3);
        assertThat(reverted.out()).containsPattern("roi\\s+100\\.000\\s+9\\d\\.\\d+\\s+-\\d\\.\\d+\\s+< -0\\.5\\s+REVERT");
        assertThat(selfcodeBranches(repo)).hasSize(1);
        assertUntouched(repo, files);
    }

    @Test
    void anAnswerWithoutCodeIsRejectedAndRecorded() throws Exception {
        Map<String, String> files = TestRepos.python("60s");
        Path repo = TestRepos.create(root.resolve("prose"), files);
        llm.answer("I am sorry, but I cannot help with normalizing text today.");
        CliRun r = apply(repo, "textutils.py", "normalize text");
        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("no code");
        assertUntouched(repo, files);
        PatchAttempt a = history.get(r.patchId());
        assertThat(a.decision).isEqualTo(PatchAttempt.REVERT);
        assertThat(a.failureStage).isEqualTo("generate");
    }

    @Test
    void anLlmOutageIsAFailureNotAVerdict() throws Exception {
        Map<String, String> files = TestRepos.python("60s");
        Path repo = TestRepos.create(root.resolve("outage"), files);
        llm.fail(500, "{\"error\":{\"message\":\"overloaded\"}}");
        llm.fail(500, "{\"error\":{\"message\":\"overloaded\"}}");
        CliRun r = apply(repo, "textutils.py", "normalize text");
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("500");
        assertUntouched(repo, files);
        assertThat(history.get(r.patchId()).decision).isEqualTo(PatchAttempt.FAILED);
    }

    @Test
    void aHelperThatWouldHangTheSuiteAtImportIsRefusedByTheGuard() throws Exception {
        Map<String, String> files = TestRepos.python("8s");
        Path repo = TestRepos.create(root.resolve("hang"), files);
        llm.answer("```python\ndef wait_forever():\n    while True:\n        pass\n\n\nwait_forever()\n```");
        CliRun r = apply(repo, "textutils.py", "wait for input");
        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("line 6: module-level call wait_forever(...) runs at import");
        assertUntouched(repo, files);
    }

    @Test
    void aHelperThatEatsMemoryOrForksWithoutEndIsRejected() throws Exception {
        Map<String, String> files = TestRepos.python("20s");
        Path repo = TestRepos.create(root.resolve("greedy"), files);
        llm.answer("```python\ndef hoard():\n    return bytearray(2 * 1024 * 1024 * 1024)\n\n\nHOARD = hoard()\n```");
        CliRun memory = apply(repo, "textutils.py", "cache everything");
        assertThat(memory.exit()).as(memory.out()).isEqualTo(3);
        assertThat(memory.out()).contains("REVERTED");
        assertUntouched(repo, files);

        llm.answer("```python\nimport os\n\n\ndef spread():\n    while True:\n        os.fork()\n\n\nspread()\n```");
        CliRun forks = apply(repo, "textutils.py", "parallel slugify");
        assertThat(forks.exit()).as(forks.out()).isEqualTo(3);
        assertUntouched(repo, files);
        assertThat(history.get(forks.patchId()).decision).isEqualTo(PatchAttempt.REVERT);
    }

    @Test
    void badInputEndsWithExitTwoAndAClearMessage() throws Exception {
        Map<String, String> files = TestRepos.python("60s");
        Path repo = TestRepos.create(root.resolve("bad"), files);

        CliRun outside = apply(repo, "../etc/passwd.py", "x");
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.out()).contains("inside the repository");

        CliRun missing = apply(repo, "nope.py", "x");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("no such file");
        assertThat(history.get(missing.patchId()).failureStage).isEqualTo("checkout");

        Files.writeString(repo.resolve("textutils.py"), "# edited\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun dirty = apply(repo, "textutils.py", "x");
        assertThat(dirty.exit()).isEqualTo(2);
        assertThat(dirty.out()).contains("uncommitted changes");

        Path noTests = TestRepos.create(root.resolve("notests"), Map.of("main.py", "print(1)\n"));
        CliRun none = apply(noTests, "main.py", "x");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).contains("no tests found");

        Path badConfig = TestRepos.create(root.resolve("badconfig"),
                Map.of("a.py", "X = 1\n", "test_a.py", "def test_a():\n    pass\n", ".github/selfcode.yml",
                        "test: pytest\nlimits: {memory: lots}\n"));
        CliRun config = apply(badConfig, "a.py", "x");
        assertThat(config.exit()).isEqualTo(2);
        assertThat(config.out()).contains(".github/selfcode.yml line 2").contains("not a size");

        CliRun threshold = apply(repo, "textutils.py", "--threshold", "-1", "x");
        assertThat(threshold.exit()).isEqualTo(2);
        assertThat(llm.requests()).isEmpty();
    }

    @jakarta.transaction.Transactional
    long countCache(String repo) {
        return EvaluationCacheEntry.count("repo", repo);
    }
}
