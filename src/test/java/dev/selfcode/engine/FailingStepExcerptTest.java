package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The excerpt is the failing step's own lines, and of them the ones that say why, for each runner's way of saying it. */
class FailingStepExcerptTest {

    static Map<String, Integer> exits(Object... stepAndCode) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < stepAndCode.length; i += 2) {
            m.put((String) stepAndCode[i], (Integer) stepAndCode[i + 1]);
        }
        return m;
    }

    @Test
    void mavensErrorLinesWithoutItsBoilerplate() {
        String tail = """
                $ lint
                all good
                [lint exited 0]
                $ test
                [INFO] Scanning for projects...
                [ERROR] COMPILATION ERROR :
                [ERROR] /workspace/src/main/java/demo/Calc.java:[3,31] ';' expected
                [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project calc: Compilation failure
                [ERROR] /workspace/src/main/java/demo/Calc.java:[3,31] ';' expected
                [ERROR] -> [Help 1]
                [ERROR]
                [ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
                [ERROR] Re-run Maven using the -X switch to enable full debug logging.
                [ERROR] For more information about the errors and possible solutions, please read the following articles:
                [ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException
                [test exited 1]
                [selfcode] the test step exited 1 without a JUnit report (did it compile?)
                """;
        FailingStepExcerpt.Excerpt e = FailingStepExcerpt.of(tail, exits("lint", 0, "test", 1));
        assertThat(e.step()).isEqualTo("test");
        assertThat(e.exitCode()).contains(1);
        assertThat(e.lines()).containsExactly("[ERROR] COMPILATION ERROR :",
                "[ERROR] /workspace/src/main/java/demo/Calc.java:[3,31] ';' expected",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile "
                        + "(default-compile) on project calc: Compilation failure");
        assertThat(e.missingCommand()).isEmpty();
    }

    @Test
    void nodesMissingModuleLine() {
        String tail = """
                $ test
                node:internal/modules/cjs/loader:1228
                  throw err;
                  ^

                Error: Cannot find module 'uvu/assert'
                Require stack:
                - /workspace/tests/index.js
                    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15) {
                  code: 'MODULE_NOT_FOUND',
                }

                Node.js v20.18.1
                [test exited 1]
                """;
        FailingStepExcerpt.Excerpt e = FailingStepExcerpt.of(tail, exits("test", 1));
        assertThat(e.lines()).containsExactly("Error: Cannot find module 'uvu/assert'");
    }

    @Test
    void theShellsMissingCommandIsNamed() {
        String dash = "$ test\n> demo@1.0.0 test\n> uvu tests\n\nsh: 1: uvu: not found\n[test exited 127]\n";
        FailingStepExcerpt.Excerpt e = FailingStepExcerpt.of(dash, exits("test", 127));
        assertThat(e.missingCommand()).contains("uvu");
        assertThat(e.lines()).containsExactly("sh: 1: uvu: not found");

        String bash = "$ setup\nbash: line 1: poetry: command not found\n[setup exited 127]\n";
        assertThat(FailingStepExcerpt.of(bash, exits("setup", 127)).missingCommand()).contains("poetry");
    }

    @Test
    void theFailingStepNotTheWholeLog() {
        String tail = "$ setup\ninstalled\n[setup exited 0]\n$ lint\na.py:1:1: E1 bad\n[lint exited 1]\n$ test\n"
                + "line 1\nline 2\nKilled\n[test exited 137]\n[selfcode] a process was killed\n";
        // lint findings are numbers, not a failure: the step that failed the run is the test step.
        FailingStepExcerpt.Excerpt test = FailingStepExcerpt.of(tail, exits("setup", 0, "lint", 1, "test", 137));
        assertThat(test.step()).isEqualTo("test");
        assertThat(test.exitCode()).contains(137);
        assertThat(test.lines()).containsExactly("line 1", "line 2", "Killed");
    }

    @Test
    void aStepCutOffByTheTimeLimitAndOutputDroppedByTheCap() {
        String tail = FailingStepExcerpt.DROPPED + "\n...sleeping 40\n...sleeping 41\n[test did not finish]\n";
        FailingStepExcerpt.Excerpt e = FailingStepExcerpt.of(tail, exits());
        assertThat(e.step()).isEqualTo("test");
        assertThat(e.exitCode()).isEqualTo(Optional.empty());
        assertThat(e.lines()).containsExactly("...sleeping 40", "...sleeping 41");
        assertThat(e.outputDropped()).isTrue();
    }

    @Test
    void aPhaseLogWithoutStepMarkersIsNamedByItsFailedExitCode() {
        String log = "npm error code E404\nnpm error 404 Not Found - GET http://registry/left-pad-nope\n";
        FailingStepExcerpt.Excerpt e = FailingStepExcerpt.of(log, exits("deps", 1));
        assertThat(e.step()).isEqualTo("deps");
        assertThat(e.exitCode()).contains(1);
        assertThat(e.lines()).containsExactly("npm error code E404",
                "npm error 404 Not Found - GET http://registry/left-pad-nope");
    }
}
