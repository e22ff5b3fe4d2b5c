package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each runner's report options land inside the test scripts people write. */
class NodeTestScriptTest {

    static final String NODE = NodeRunner.NODE_TEST.options;
    static final String MOCHA = NodeRunner.MOCHA.options;
    static final String JEST = NodeRunner.JEST.options;
    static final String VITEST = NodeRunner.VITEST.options;
    static final String AVA = NodeRunner.AVA.options;
    static final String TAPE = NodeRunner.TAPE.options;

    static NodeTestScript.Plan plan(String test, String... more) {
        Map<String, String> scripts = new LinkedHashMap<>();
        scripts.put("test", test);
        for (int i = 0; i + 1 < more.length; i += 2) {
            scripts.put(more[i], more[i + 1]);
        }
        return new NodeTestScript(scripts, Set.of("tape")).plan();
    }

    /** The rewritten line without the PATH export in front. */
    static String rewritten(String test, String... more) {
        NodeTestScript.Plan p = plan(test, more);
        assertThat(p.command()).startsWith(NodeTestScript.PATH_PREFIX);
        return p.command().substring(NodeTestScript.PATH_PREFIX.length());
    }

    @Test
    void nodeTestOptionsGoBeforeTheGlobNotAfterIt() {
        assertThat(rewritten("node --test ./tests/*.js")).isEqualTo("node " + NODE + " --test ./tests/*.js");
        assertThat(rewritten("node --test")).isEqualTo("node " + NODE + " --test");
        assertThat(rewritten("node --experimental-vm-modules --test test/"))
                .isEqualTo("node " + NODE + " --experimental-vm-modules --test test/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            c8 node --test ./tests/*.js                  | c8 node @N --test ./tests/*.js
            c8 -r lcov -r text node --test               | c8 -r lcov -r text node @N --test
            nyc --reporter=html mocha                    | nyc --reporter=html mocha @M
            npm run build && mocha                       | npm run build && mocha @M
            npm run lint && mocha 'test/**/*.spec.js'    | npm run lint && mocha @M 'test/**/*.spec.js'
            cross-env NODE_ENV=test jest                 | cross-env NODE_ENV=test jest @J
            NODE_ENV=test jest --coverage                | NODE_ENV=test jest @J --coverage
            npx jest --runInBand                         | npx jest @J --runInBand
            node --experimental-vm-modules node_modules/jest/bin/jest.js | node --experimental-vm-modules node_modules/jest/bin/jest.js @J
            ./node_modules/.bin/mocha -r ts-node/register | ./node_modules/.bin/mocha @M -r ts-node/register
            vitest                                       | vitest run @V
            vitest run --coverage                        | vitest run @V --coverage
            vitest --run                                 | vitest run @V --run
            tsc && ava                                   | tsc && ava @A
            tape test/*.js                               | tape @T test/*.js
            tap                                          | tap @P
            tsc && tap test/*.ts                         | tsc && tap @P test/*.ts
            node test/index.js                           | node @T test/index.js
            eslint . && tsc --noEmit; mocha              | eslint . && tsc --noEmit; mocha @M
            mocha 2>&1                                   | mocha @M 2>&1
            react-scripts test                           | react-scripts test --watchAll=false @J
            craco test --coverage                        | craco test --watchAll=false @J --coverage
            """)
    void optionsGoRightAfterTheRunnersCommandWord(String script, String expected) {
        assertThat(rewritten(script.strip())).isEqualTo(expected.strip().replace("@N", NODE).replace("@M", MOCHA)
                .replace("@J", JEST).replace("@V", VITEST).replace("@A", AVA).replace("@T", TAPE)
                .replace("@P", NodeRunner.NODE_TAP.options));
    }

    @Test
    void aTapFormatterAfterTheRunnerIsLeftOutSinceTheReportIsTheRunnersOutput() {
        assertThat(rewritten("tape test/*.js | tap-spec")).isEqualTo("tape " + TAPE + " test/*.js");
        assertThat(rewritten("tape 'test/**/*.js' | tap-spec | cat && echo done"))
                .isEqualTo("tape " + TAPE + " 'test/**/*.js' && echo done");
        assertThat(rewritten("ava --verbose | tap-nyan; echo x")).isEqualTo("ava " + AVA + " --verbose; echo x");
        // A file reporter does not care where the console output goes.
        assertThat(rewritten("mocha | tee out.txt")).isEqualTo("mocha " + MOCHA + " | tee out.txt");
    }

    @Test
    void aRunnerInAnotherScriptIsRewrittenThere() {
        assertThat(rewritten("npm run lint && npm run test:unit", "lint", "eslint .", "test:unit", "mocha test/unit"))
                .isEqualTo("(mocha " + MOCHA + " test/unit)");
        assertThat(rewritten("npm run build && npm run test:unit", "build", "tsc", "test:unit", "mocha test/unit"))
                .isEqualTo("npm run build && (mocha " + MOCHA + " test/unit)");
        assertThat(plan("npm run test:unit", "test:unit", "jest").runner()).isEqualTo("jest");
    }

    @Test
    void aPretestScriptStillRunsFirst() {
        assertThat(rewritten("mocha", "pretest", "npm run build")).isEqualTo("npm run pretest && mocha " + MOCHA);
    }

    @Test
    void eachRunnerIsNamedAndCountedFromItsReport() {
        assertThat(plan("mocha").runner()).isEqualTo("mocha");
        assertThat(plan("mocha").counting()).isEqualTo(RepoConfig.Counting.REPORTS);
        assertThat(plan("node --test").runner()).isEqualTo("node:test");
        assertThat(plan("vitest run").runner()).isEqualTo("vitest");
        assertThat(plan("ava").runner()).isEqualTo("ava");
    }

    @Test
    void uvuIsCountedByExitCodeAndLeftAsWritten() {
        NodeTestScript.Plan p = plan("uvu -r esm tests");
        assertThat(p.counting()).isEqualTo(RepoConfig.Counting.EXIT_CODE);
        assertThat(p.command()).isEqualTo(NodeTestScript.PATH_PREFIX + "uvu -r esm tests");
        assertThat(p.runner()).contains("uvu writes no report");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            make test                                    | no test runner Selfcode reads
            node scripts/run-tests.js --all              | no test runner Selfcode reads
            $(npm bin)/mocha                             | shell syntax
            (cd packages/a && mocha)                     | shell syntax
            if [ -d test ]; then mocha; fi               | shell syntax
            jest a && jest b && jest c && jest d         | more than 3 test runs
            echo "unterminated                           | shell syntax
            """)
    void whatCannotBeRewrittenIsRunAsWrittenAndCountedByExitCode(String script, String why) {
        NodeTestScript.Plan p = new NodeTestScript(Map.of("test", script.strip()), Set.of()).plan();
        assertThat(p.counting()).isEqualTo(RepoConfig.Counting.EXIT_CODE);
        assertThat(p.command()).isEqualTo(NodeTestScript.PATH_PREFIX + script.strip());
        assertThat(p.runner()).startsWith("npm test (counted by exit code: ").contains(why.strip());
    }
    @Test
    void lintToolsChainedAroundTheRunnerGoToTheLintStep() {
        NodeTestScript.Plan p = plan("xo && ava && tsd");
        assertThat(p.command()).isEqualTo(NodeTestScript.PATH_PREFIX + "ava " + AVA);
        assertThat(p.runner()).isEqualTo("ava");
        assertThat(p.counting()).isEqualTo(RepoConfig.Counting.REPORTS);
        // Every tool runs whatever the others found; the step fails when one did.
        assertThat(p.lint()).isEqualTo(NodeTestScript.PATH_PREFIX + "s=0; xo || s=$?; tsd || s=$?; exit $s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            eslint . && mocha                             | mocha @M                    | eslint .
            prettier --check . && jest                    | jest @J                     | prettier --check .
            tsc --noEmit && vitest run                    | vitest run @V               | tsc --noEmit
            npx --no-install standard && node --test      | node @N --test              | npx --no-install standard
            biome lint && jest --ci                       | jest @J --ci                | biome lint
            npm run build && jest && npm run lint         | npm run build && jest @J    | xo --quiet
            npm run test:all                              | jest @J                     | xo --quiet
            """)
    void lintToolsAreFoundThroughNpmRunToo(String test, String expected, String lint) {
        NodeTestScript.Plan p = plan(test.strip(), "lint", "xo --quiet", "build", "tsc", "test:all", "npm run lint && jest");
        assertThat(p.command().substring(NodeTestScript.PATH_PREFIX.length())).isEqualTo(expected.strip()
                .replace("@N", NODE).replace("@M", MOCHA).replace("@J", JEST).replace("@V", VITEST));
        assertThat(p.lint()).isEqualTo(NodeTestScript.PATH_PREFIX + "s=0; " + lint.strip() + " || s=$?; exit $s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            prettier --write . && jest
            tsc && jest
            eslint --fix . && jest
            xo || jest
            xo; jest
            xo
            npm run lint
            """)
    void whatChangesFilesOrIsNotAPlainChainStaysInTheTestStep(String test) {
        NodeTestScript.Plan p = plan(test.strip(), "lint", "xo");
        assertThat(p.lint()).isNull();
    }

    @Test
    void severalRunsOfOneRunnerEachWriteTheirOwnReport() {
        NodeTestScript.Plan p = plan("pnpm run test:nodejs && pnpm run test:edge", "test:nodejs", "jest --env node",
                "test:edge", "jest --env @edge-runtime/jest-environment --no-coverage");
        assertThat(p.counting()).isEqualTo(RepoConfig.Counting.REPORTS);
        assertThat(p.runner()).isEqualTo("jest + jest");
        String line = p.command().substring(NodeTestScript.PATH_PREFIX.length());
        assertThat(line).isEqualTo("(jest " + NodeRunner.JEST.options(2) + " --env node) && (jest " + JEST
                + " --env @edge-runtime/jest-environment --no-coverage)");
        assertThat(NodeRunner.JEST.options(2)).contains("$SELFCODE_OUT/report-2.json");
        assertThat(rewritten("mocha test/unit && node --test && mocha test/integration")).isEqualTo("mocha "
                + NodeRunner.MOCHA.options(3) + " test/unit && node " + NodeRunner.NODE_TEST.options(2)
                + " --test && mocha " + MOCHA + " test/integration");
    }
}
