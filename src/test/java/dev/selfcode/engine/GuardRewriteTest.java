package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.Language;
import dev.selfcode.config.Threshold;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.safety.GuardSandbox;

/**
 * The guard on rewritten chunks in Python and JavaScript, whose rules run by the language's own parser in the real
 * sandbox: the rewritten name is no redefinition, and the body obeys the same rules as an appended helper.
 */
class GuardRewriteTest {

    static final String PY = "import os\n\n\ndef divide(x, y):\n    return x / y\n";
    static final String JS = "'use strict';\n\nfunction divide(a, b) {\n  return a / b;\n}\n\n"
            + "module.exports = { divide };\n";

    static GuardHelper guard(String image) {
        GuardHelper guard = new GuardHelper();
        guard.safety = GuardSandbox.monitor(image);
        return guard;
    }

    static CheckOut.CheckedOut rewriting(String file, Language language, String content, String symbol) {
        return new CheckOut.CheckedOut(null, StageFixtures.config(), file, language, Threshold.of(0.5), content,
                Optional.empty(), Optional.of(ReplaceChunkTest.span(language, content, symbol)));
    }

    @Test
    void aPythonRewriteIsNoRedefinitionButItsBodyMayNotRunAShell() throws Exception {
        GuardHelper guard = guard(GuardSandbox.PYTHON);
        CheckOut.CheckedOut tree = rewriting("b.py", Language.PYTHON, PY, "divide");
        assertThat(guard.check(tree, GuardHelperTest.code("def divide(x, y):\n    return 0 if y == 0 else x / y\n")))
                .isEqualTo(GuardHelper.PASSED);
        assertThatThrownBy(() -> guard.check(tree, GuardHelperTest.code("def divide(x, y):\n"
                + "    os.system(\"rm -rf /\")\n    return x / y\n"))).isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                    assertThat(f.getMessage()).startsWith("line 2: uses os.system");
                });
    }

    @Test
    void aJavaScriptRewriteIsNoRedefinitionButItsBodyMayNotReadTheEnvironment() throws Exception {
        GuardHelper guard = guard(GuardSandbox.NODE);
        CheckOut.CheckedOut tree = rewriting("b.js", Language.JAVASCRIPT, JS, "divide");
        assertThat(guard.check(tree, GuardHelperTest.code("function divide(a, b) {\n  return b === 0 ? 0 : a / b;\n}")))
                .isEqualTo(GuardHelper.PASSED);
        assertThatThrownBy(() -> guard.check(tree, GuardHelperTest.code("function divide(a, b) {\n"
                + "  return process.env.GITHUB_TOKEN;\n}"))).isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                    assertThat(f.getMessage()).contains("line 2: reads the credential-like environment variable GITHUB_TOKEN");
                });
    }
}
