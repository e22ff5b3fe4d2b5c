package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import picocli.CommandLine;

/**
 * Issue 7's forging helpers through the whole engine ({@code selfcode apply}, the real guard in the real Docker
 * sandbox, real MariaDB): each is rejected with its reason before its code can run, a genuine helper on the same
 * repository is still kept, and a candidate that changes which tests run is rejected naming the ids.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class ForgingHelpersEndToEndTest {

    /** The forgery: 600 passing test cases written to the report folder, then a clean exit. */
    static final String FORGE = """
            def _forge():
                cases = '<testcase classname="t" name="c"/>' * 600
                with open(os.path.join(os.environ["SELFCODE_OUT"], "junit.xml"), "w") as out:
                    out.write('<testsuite tests="600">' + cases + "</testsuite>")
            """;

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
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "forge-");
    }

    CliRun apply(Path repo, String file, String helper, String description) {
        llm.answer("```python\n" + helper + "```");
        return CliRun.of(factory, "apply", "--repo", repo.toString(), "--file", file, "--generator", "llm", description);
    }

    void assertRejectedByTheGuard(CliRun run, String... reasons) {
        assertThat(run.exit()).as(run.out()).isEqualTo(3);
        assertThat(run.out()).contains("REVERTED: guard: ").contains(reasons);
        PatchAttempt attempt = history.get(run.patchId());
        assertThat(attempt.decision).isEqualTo(PatchAttempt.REVERT);
        assertThat(attempt.failureStage).isEqualTo("guard");
    }

    @Test
    void forgingHelpersAreRejectedWithTheirReasonAndAGenuineHelperIsStillKept() throws Exception {
        Map<String, String> files = TestRepos.python("60s");
        Path repo = TestRepos.create(root.resolve("py"), files);

        assertRejectedByTheGuard(apply(repo, "textutils.py", "import atexit\nimport os\n\n\n" + FORGE
                + "    os._exit(0)\n\n\natexit.register(_forge)\n", "plain forgery"),
                "line 12: module-level call atexit.register(...) runs at import; a helper may only define",
                "os._exit exits the process", "imports atexit");
        assertRejectedByTheGuard(apply(repo, "textutils.py", "import atexit\nimport os\n\n\n" + FORGE
                + "    getattr(os, '_ex' + 'it')(0)\n\n\natexit.register(_forge)\n", "obfuscated forgery"),
                "line 9: getattr with a computed attribute name");
        assertRejectedByTheGuard(apply(repo, "textutils.py", "import os\nimport threading\n\n\n" + FORGE
                + "\n\nthreading.Thread(target=_forge).start()\n", "forgery from a thread"),
                "imports threading", "line 11: module-level call threading.Thread(target=_forge).start(...) runs at import");
        assertRejectedByTheGuard(apply(repo, "textutils.py", "import os\n\n\n" + FORGE
                + "\n\ndef _spawn():\n    if os.fork() == 0:\n        _forge()\n\n\n_SPAWNED = _spawn()\n",
                "forgery from a fork"), "line 11: os.fork forks the process",
                "line 15: module-level call _spawn(...) runs at import");
        assertRejectedByTheGuard(apply(repo, "textutils.py", """
                import os


                def _link():
                    os.symlink("/tmp/forged.xml", os.path.join(os.environ["SELFCODE_OUT"], "junit.xml"))


                _LINKED = _link()
                """, "forgery by symlink"), "line 5: os.symlink creates a link",
                "line 8: module-level call _link(...) runs at import");
        ApplyCommandEndToEndTest.assertUntouched(repo, files);

        CliRun kept = apply(repo, "textutils.py", """
                import re

                _PUNCTUATION = re.compile(r"[^\\w\\s]")


                def normalize_text(text):
                    \"\"\"Lower-cased text without punctuation and with single spaces.\"\"\"
                    return collapse_spaces(_PUNCTUATION.sub(" ", text)).lower()
                """, "normalize text");
        assertThat(kept.exit()).as(kept.out()).isZero();
        assertThat(kept.out()).contains("KEPT");
        assertThat(history.get(kept.patchId()).decision).isEqualTo(PatchAttempt.KEEP);
    }

    @Test
    void aCandidateThatChangesWhichTestsRunIsRejectedNamingTheIds() throws Exception {
        // A real pattern: a test parametrised over the module's public functions (here: each needs a docstring).
        // The helper touches no test file, yet the candidate runs a test the base does not.
        Map<String, String> files = new LinkedHashMap<>(TestRepos.python("60s"));
        files.put("textutils.py", """
                import re


                def collapse_spaces(text):
                    \"\"\"Runs of whitespace become one space.\"\"\"
                    return re.sub(r"\\s+", " ", text).strip()
                """);
        files.put("test_textutils.py", """
                import inspect

                import pytest

                import textutils

                PUBLIC = sorted(n for n, f in vars(textutils).items() if inspect.isfunction(f) and not n.startswith("_"))


                @pytest.mark.parametrize("name", PUBLIC)
                def test_public_function_is_documented(name):
                    assert getattr(textutils, name).__doc__


                def test_collapse_spaces():
                    assert textutils.collapse_spaces("  a \\t b ") == "a b"
                """);
        Path repo = TestRepos.create(root.resolve("ids"), files);

        CliRun run = apply(repo, "textutils.py", """
                def shout(text):
                    \"\"\"Upper-cased text.\"\"\"
                    return text.upper()
                """, "shout");
        assertThat(run.exit()).as(run.out()).isEqualTo(3);
        assertThat(run.out()).contains("REVERTED: evaluate: the candidate runs other tests than its base")
                .contains("1 appeared (test_textutils::test_public_function_is_documented[shout])");
        PatchAttempt attempt = history.get(run.patchId());
        assertThat(attempt.decision).isEqualTo(PatchAttempt.REVERT);
        assertThat(attempt.failureStage).isEqualTo("evaluate");
        ApplyCommandEndToEndTest.assertUntouched(repo, files);
    }
}
