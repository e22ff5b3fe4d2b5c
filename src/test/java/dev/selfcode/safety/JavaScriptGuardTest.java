package dev.selfcode.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.selfcode.code.Language;

/**
 * The JavaScript guard rules, run with acorn in the real node sandbox image (set {@code SELFCODE_SANDBOX_NODE_IMAGE}
 * to an image built by this version of scripts/sandbox-images.sh).
 */
class JavaScriptGuardTest {

    static final String ORIGINAL = """
            'use strict';
            const path = require('path');

            function slugify(text) {
              return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
            }

            class Box {
              get() {
                return 1;
              }
            }

            module.exports = { slugify, Box };
            """;

    static SafetyMonitor guard;

    @BeforeAll
    static void sandbox() {
        guard = GuardSandbox.monitor(GuardSandbox.NODE);
    }

    static List<String> problems(String helper) throws Exception {
        String patched = ORIGINAL.stripTrailing() + "\n\n" + helper.strip() + "\n";
        return guard.checkCode("lib/text.js", ORIGINAL, patched, Language.JAVASCRIPT);
    }

    @Test
    void anImmediatelyInvokedFunctionIsRefused() throws Exception {
        assertThat(problems("(function () {\n  require('fs').writeFileSync('/tmp/x', '1');\n})();\n")).containsExactly(
                "line 1: an immediately invoked function runs at import; a helper may only define");
    }

    @Test
    void topLevelAwaitIsRefused() throws Exception {
        assertThat(problems("const ready = await Promise.resolve(1);\n"))
                .containsExactly("line 1: top-level await runs at import; a helper may only define");
    }

    @Test
    void exitingTheProcessIsRefused() throws Exception {
        assertThat(problems("function stop() {\n  process.exit(0);\n}\n")).containsExactly(
                "line 2: process.exit exits the process; a helper must not exit, kill or hook the process");
        assertThat(problems("function stop() {\n  process['ex' + 'it'](0);\n}\n"))
                .anyMatch(p -> p.startsWith("line 2: ") && p.contains("computed name"));
    }

    @Test
    void aComputedOrCredentialLikeEnvironmentReadIsRefused() throws Exception {
        assertThat(problems("function token() {\n  return process.env['GITHUB_' + 'TOKEN'];\n}\n"))
                .singleElement().asString().startsWith("line 2: ").contains("computed name");
        assertThat(problems("function key() {\n  return process.env.OPENAI_API_KEY;\n}\n"))
                .containsExactly("line 2: reads the credential-like environment variable OPENAI_API_KEY");
        assertThat(problems("function all() {\n  return Object.keys(process.env);\n}\n"))
                .anyMatch(p -> p.contains("whole environment"));
    }

    @Test
    void staticBlocksAndStaticFieldsInitialisedByCallsAreRefused() throws Exception {
        List<String> problems = problems("class Timer {\n  static started = Date.now();\n  static { globalThis.x = 1; }\n}\n");
        assertThat(problems).anyMatch(p -> p.startsWith("line 2: call Date.now(...)"));
        assertThat(problems).contains("line 3: a static {} block runs at import; a helper may only define");
    }

    @Test
    void redefinitionMonkeyPatchingAndDeniedModulesAreRefused() throws Exception {
        assertThat(problems("function slugify(t) {\n  return t;\n}\n"))
                .containsExactly("line 1: redefines slugify, which the file already defines; a helper may only add new names");
        assertThat(problems("function patch() {\n  Array.prototype.map = null;\n}\n"))
                .anyMatch(p -> p.startsWith("line 2: assigns Array.prototype.map"));
        assertThat(problems("const cp = require('child_process');\n"))
                .contains("line 1: loads child_process, which a helper must not use");
        assertThat(problems("function forge() {\n  return '/selfcode/out/junit.xml';\n}\n"))
                .anyMatch(p -> p.startsWith("line 2: the string") && p.contains("report folder"));
    }

    @Test
    void aGenuineArrowFunctionHelperIsAccepted() throws Exception {
        assertThat(problems("""
                const WORD = /\\w+/g;
                const countWords = (text) => (slugify(text).match(WORD) || []).length;
                module.exports.countWords = countWords;
                """)).isEmpty();
    }
}
