package dev.selfcode.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.selfcode.code.Language;

/** The Python guard rules, each with the hostile form it stops, run by Python's own parser in the real sandbox. */
class PythonGuardTest {

    static final String ORIGINAL = """
            import os
            import re


            def collapse_spaces(text):
                return re.sub(r"\\s+", " ", text).strip()


            class Box:
                def get(self):
                    return 1
            """;

    /** What writes a forged report: the issue's helper, reached in each test by another way. */
    static final String FORGE = """
            def _forge():
                with open(os.path.join(os.environ["SELFCODE_OUT"], "junit.xml"), "w") as out:
                    out.write('<testsuite tests="600"></testsuite>')
            """;

    static SafetyMonitor guard;

    @BeforeAll
    static void sandbox() {
        guard = GuardSandbox.monitor(GuardSandbox.PYTHON);
    }

    static List<String> problems(String helper) throws Exception {
        String patched = ORIGINAL.stripTrailing() + "\n\n\n" + helper.strip() + "\n";
        return guard.checkCode("textutils.py", ORIGINAL, patched, Language.PYTHON);
    }

    @Test
    void theIssuesForgingHelperIsRefusedForItsImportTimeHookAndItsExit() throws Exception {
        List<String> problems = problems("import atexit\nimport os\n\n\n" + FORGE + "    os._exit(0)\n\n\n"
                + "atexit.register(_forge)\n");
        assertThat(problems).contains("line 1: imports atexit, which a helper must not use",
                "line 11: module-level call atexit.register(...) runs at import; a helper may only define");
        assertThat(problems).anyMatch(p -> p.startsWith("line 8: os._exit exits the process"));
        assertThat(problems).anyMatch(p -> p.startsWith("line 6: reads SELFCODE_OUT, which names the test report"));
        assertThat(problems).anyMatch(p -> p.contains("'junit.xml'") && p.contains("names the test report folder"));
    }

    @Test
    void anExitSpelledThroughGetattrIsRefused() throws Exception {
        assertThat(problems("def stop():\n    getattr(os, '_ex' + 'it')(0)\n"))
                .containsExactly("line 2: getattr with a computed attribute name: a helper must name what it uses");
        assertThat(problems("def stop():\n    getattr(os, '_exit')(0)\n"))
                .anyMatch(p -> p.startsWith("line 2: os._exit exits the process"));
    }

    @Test
    void aThreadStartedAtImportIsRefused() throws Exception {
        List<String> problems = problems("import threading\n\n\n" + FORGE + "\n\n"
                + "threading.Thread(target=_forge, daemon=True).start()\n");
        assertThat(problems).contains("line 1: imports threading, which a helper must not use");
        assertThat(problems).anyMatch(p -> p.startsWith("line 9: module-level call threading.Thread(")
                && p.endsWith("runs at import; a helper may only define"));
    }

    @Test
    void aForkIsRefusedAnywhere() throws Exception {
        List<String> problems = problems(FORGE + "\n\ndef spawn():\n    if os.fork() == 0:\n        _forge()\n");
        assertThat(problems).anyMatch(p -> p.startsWith("line 7: os.fork forks the process"));
    }

    @Test
    void aSymlinkIntoTheReportFolderIsRefused() throws Exception {
        List<String> problems = problems("""
                def _link():
                    os.symlink("/tmp/forged.xml", os.environ["SELFCODE_OUT"] + "/junit.xml")


                LINKED = _link()
                """);
        assertThat(problems).anyMatch(p -> p.startsWith("line 2: os.symlink creates a link"));
        assertThat(problems).contains("line 5: module-level call _link(...) runs at import; a helper may only define");
        assertThat(problems).anyMatch(p -> p.startsWith("line 2: reads SELFCODE_OUT, which names the test report"));
        assertThat(problems("from pathlib import Path\n\n\ndef _link(p):\n    Path(p).symlink_to('/tmp/f')\n"))
                .anyMatch(p -> p.startsWith("line 5: ") && p.contains("creates a link"));
    }

    @Test
    void credentialLikeEnvironmentVariablesAreRefused() throws Exception {
        List<String> problems = problems("def tokens():\n    return os.environ.get('GITHUB_TOKEN'), "
                + "os.getenv('OPENAI_API_KEY')\n");
        assertThat(problems).containsExactly("line 2: reads the credential-like environment variable GITHUB_TOKEN",
                "line 2: reads the credential-like environment variable OPENAI_API_KEY");
        assertThat(problems("def everything():\n    return dict(os.environ)\n"))
                .contains("line 2: copies the whole environment");
        assertThat(problems("def named(k):\n    return os.environ[k]\n")).anyMatch(p -> p.contains("computed name"));
    }

    @Test
    void redefiningAnExistingFunctionOrMethodIsRefused() throws Exception {
        assertThat(problems("def collapse_spaces(text):\n    return text\n")).containsExactly(
                "line 1: redefines collapse_spaces, which the file already defined; a helper may only add new names");
        assertThat(problems("re = None\n")).anyMatch(p -> p.contains("redefines re, which the file already imported"));
    }

    @Test
    void methodsInsertedIntoAnExistingClassNeitherRedefineNorAddHooks() throws Exception {
        // As PatchApplier places a helper after a chosen method: indented into the existing class.
        String patched = ORIGINAL.replace("        return 1\n",
                "        return 1\n\n    def get(self):\n        return 2\n\n    def __del__(self):\n        pass\n");
        assertThat(guard.checkCode("textutils.py", ORIGINAL, patched, Language.PYTHON)).containsExactly(
                "line 1: redefines Box.get, which the file already has; a helper may only add new names",
                "line 4: defines Box.__del__, which changes how existing code behaves; a helper may only add new names");
    }

    @Test
    void monkeyPatchingAModuleIsRefused() throws Exception {
        assertThat(problems("def patch():\n    re.sub = lambda *a: ''\n"))
                .anyMatch(p -> p.startsWith("line 2: assigns re.sub: a helper must not monkey-patch"));
    }

    @Test
    void decoratorsAndDefaultArgumentsThatCallRunAtImportAndAreRefused() throws Exception {
        List<String> problems = problems("""
                def register(f):
                    return f


                @register
                def one():
                    return 1


                def two(x=collapse_spaces(" a ")):
                    return x
                """);
        assertThat(problems).anyMatch(p -> p.startsWith("line 5: decorator @register runs at import"));
        assertThat(problems).contains(
                "line 10: module-level call collapse_spaces(...) in a default argument runs at import; a helper may only define");
    }

    @Test
    void escapeHatchesAreRefused() throws Exception {
        List<String> problems = problems(
                "import sys\n\n\ndef sneak():\n    return sys.modules, eval('1'), ().__class__.__bases__\n");
        assertThat(problems).anyMatch(p -> p.contains("sys.modules"));
        assertThat(problems).anyMatch(p -> p.contains("uses eval"));
        assertThat(problems).anyMatch(p -> p.contains("interpreter internals"));
    }

    @Test
    void aGenuineHelperWithACompiledPatternAndADataclassIsAccepted() throws Exception {
        assertThat(problems("""
                import re
                from dataclasses import dataclass, field

                WORD = re.compile(r"\\w+")


                @dataclass(frozen=True)
                class Counted:
                    \"\"\"Words of a text, counted.\"\"\"

                    text: str
                    tags: list = field(default_factory=list)

                    @property
                    def words(self) -> int:
                        return len(WORD.findall(self.text))


                def count_words(text: str) -> int:
                    return Counted(collapse_spaces(text)).words
                """)).isEmpty();
    }

    @Test
    void proseThatNamesSelfcodeIsNotAReportPath() throws Exception {
        assertThat(problems("def echo(value):\n    \"\"\"Written by Selfcode's offline template generator.\"\"\"\n"
                + "    return value\n")).isEmpty();
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLine() throws Exception {
        assertThat(problems("def broken(:\n    return 1\n")).singleElement().asString()
                .startsWith("textutils.py:14: SyntaxError");
    }
}
