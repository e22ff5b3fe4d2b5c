package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.Language;
import dev.selfcode.config.Threshold;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.safety.SafetyMonitor;
import dev.selfcode.safety.SecretScanner;

/** The guard stage only checks: Java parses in process, so no sandbox is needed here. */
class GuardHelperTest {

    static final String CALC = "package demo;\n\npublic class Calc {\n    public static int add(int a, int b) {\n"
            + "        return a + b;\n    }\n}\n";

    final GuardHelper guard = new GuardHelper();
    final CheckOut.CheckedOut tree = new CheckOut.CheckedOut(null, StageFixtures.config(), "src/demo/Calc.java",
            Language.JAVA, Threshold.of(0.5), CALC, Optional.empty());

    GuardHelperTest() {
        guard.safety = new SafetyMonitor(null, null, new SecretScanner());
    }

    static GeneratedCode code(String code) {
        return new GeneratedCode(code, "llm", "m", 1, 1, "p", code);
    }

    @Test
    void aCleanHelperThatParsesPasses() throws Exception {
        assertThat(guard.check(tree, code("public static int mul(int a, int b) {\n    return a * b;\n}")))
                .isEqualTo(GuardHelper.PASSED);
    }

    @Test
    void aForbiddenCallIsRejectedWithTheRuleTheLineAndTheCodeAsDetail() {
        String bad = "public static void run() throws Exception {\n    Runtime.getRuntime().exec(\"rm\");\n}";
        assertThatThrownBy(() -> guard.check(tree, code(bad))).isInstanceOfSatisfying(StageFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(f.getMessage()).startsWith("line 2: uses Runtime, which a helper must not use");
            assertThat(f.detail()).isEqualTo(bad);
        });
    }

    @Test
    void aStaticInitializerIsRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> guard.check(tree, code("static {\n    System.exit(0);\n}")))
                .isInstanceOfSatisfying(StageFailure.class, f -> assertThat(f.getMessage()).startsWith(
                        "line 1: a static {} block runs when the class loads; a helper may only define; line 2: "
                                + "System.exit(...) exits the process"));
    }

    @Test
    void aHelperThatBreaksTheFilesSyntaxIsRejected() {
        assertThatThrownBy(() -> guard.check(tree, code("public static int broken( {\n    return 1;\n}")))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                    assertThat(f.getMessage()).isNotBlank().doesNotStartWith("guard:"); // the engine names the stage once
                });
    }

    @Test
    void theGuardWritesNothing() throws Exception {
        // No worktree at all: a guard that tried to write would fail with a NullPointerException.
        guard.check(tree, code("public static int one() {\n    return 1;\n}"));
        assertThat(tree.worktree()).isNull();
    }

    /** A checkout that rewrites Calc.add in place, as a sweep with an LLM does. */
    final CheckOut.CheckedOut rewriting = new CheckOut.CheckedOut(null, StageFixtures.config(), "src/demo/Calc.java",
            Language.JAVA, Threshold.of(0.5), CALC, Optional.empty(),
            Optional.of(ReplaceChunkTest.span(Language.JAVA, CALC, "add")));

    @Test
    void aRewriteOfTheChunkIsNoRedefinitionAndPasses() throws Exception {
        assertThat(guard.check(rewriting, code("public static int add(int a, int b) {\n    return Math.addExact(a, b);\n}")))
                .isEqualTo(GuardHelper.PASSED);
    }

    @Test
    void aForbiddenCallInsideARewrittenBodyIsRejectedAsInAHelper() {
        String bad = "public static int add(int a, int b) {\n    System.exit(a + b);\n    return 0;\n}";
        assertThatThrownBy(() -> guard.check(rewriting, code(bad))).isInstanceOfSatisfying(StageFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(f.getMessage()).startsWith("line 2: System.exit(...) exits the process");
        });
    }

    @Test
    void aRewriteThatChangesTheSignatureIsRejectedWithTheReason() {
        assertThatThrownBy(() -> guard.check(rewriting, code("public static int add(int a, int b, int c) {\n"
                + "    return a + b + c;\n}"))).isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                    assertThat(f.getMessage()).isEqualTo("the rewrite changes the signature of `add` from "
                            + "`public static int add(int a, int b)` to `public static int add(int a, int b, int c)`;"
                            + " a refactor must keep it");
                });
    }
}
