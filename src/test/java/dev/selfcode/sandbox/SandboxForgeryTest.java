package dev.selfcode.sandbox;

import static dev.selfcode.sandbox.SandboxTestSupport.configOf;
import static dev.selfcode.sandbox.SandboxTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.sandbox.Evaluation.Status;

/**
 * Code under test that tries to forge its own measurement. The forging code sits in the module the tests import
 * (as if the guard had missed it): each attempt must leave the honest numbers (3 passed, 2 failed) or end
 * {@link Status#INCONSISTENT} with a cause that says why.
 */
class SandboxForgeryTest {

    /** pytest as inferred, but without -q so that it prints what it collected. */
    private static final String PYTEST = "test: python3 -m pytest -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n";
    /** The same, showing what the module prints at import (pytest captures it otherwise). */
    private static final String PYTEST_UNCAPTURED = PYTEST.replace("pytest ", "pytest -s ");
    private static final List<String> HONEST_IDS = List.of("test_calc::test_add", "test_calc::test_add_wrong",
            "test_calc::test_mul", "test_calc::test_mul_wrong", "test_calc::test_zero");

    /** Python: a report of 600 passing tests, and a helper that writes it where the runner's report goes. */
    private static final String FORGE = """
            import os as _os
            _FORGED = '<testsuite>' + ''.join('<testcase classname="f" name="t%d"/>' % i for i in range(600)) + '</testsuite>'


            def _forge(name='junit.xml', text=_FORGED):
                try:
                    with open(_os.environ['SELFCODE_OUT'] + '/' + name, 'w') as f:
                        f.write(text)
                except OSError as e:
                    print('forge failed:', e)
            """;

    @TempDir
    Path repo;

    private final Sandbox sandbox = SandboxTestSupport.sandbox();

    @BeforeAll
    static void images() {
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON, SandboxTestSupport.NODE);
    }

    /** calc.py (the candidate's module, {@code hostile} appended) and five tests of which two fail. */
    private void pythonRepo(String hostile) {
        write(repo, "calc.py", "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n\n\n"
                + hostile + "\n");
        write(repo, "test_calc.py", """
                from calc import add, mul


                def test_add():
                    assert add(1, 2) == 3


                def test_add_wrong():
                    assert add(1, 2) == 4


                def test_mul():
                    assert mul(2, 3) == 6


                def test_mul_wrong():
                    assert mul(2, 3) == 7


                def test_zero():
                    assert mul(0, 5) == 0
                """);
    }

    private static void assertHonest(Evaluation e) {
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.OK);
        assertThat(e).extracting(Evaluation::passed, Evaluation::failed, Evaluation::errored)
                .containsExactly(3, 2, 0);
        assertThat(e.testIds()).isEqualTo(HONEST_IDS);
    }

    /**
     * A second document: INCONSISTENT, or, when it came so soon after the first that the collector read both as one
     * (nothing told it the first had ended), an unusable report. Either way no number of the forger counts.
     */
    private static void assertRewritten(Evaluation e, String because) {
        if (e.status() == Status.BUILD_FAILED) {
            assertThat(e.cause()).as(e.logTail()).contains("unusable test report $SELFCODE_OUT/junit.xml: malformed XML");
        } else {
            assertInconsistent(e, because);
        }
    }

    private static void assertInconsistent(Evaluation e, String because) {
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.INCONSISTENT);
        assertThat(e.cause()).contains(because);
        assertThat(e.logTail()).contains(e.cause());
    }

    @Test
    void aGenuineRepositoryMeasuresAsBefore() {
        pythonRepo("");
        assertHonest(sandbox.evaluate(repo, configOf(repo, "")));
        assertHonest(sandbox.evaluate(repo, configOf(repo, PYTEST)));
    }

    @Test
    void anAtexitHookThatRewritesTheReportAndExitsZero() {
        pythonRepo(FORGE + """
                import atexit


                def _finish():
                    _forge()
                    _os._exit(0)


                atexit.register(_finish)
                """);
        // The runner's report came first; the hook's is a second write, and exit 0 contradicts 2 failures anyway.
        assertRewritten(sandbox.evaluate(repo, configOf(repo, "")), "$SELFCODE_OUT/junit.xml (2 times) was"
                + " written more than once");
    }

    @Test
    void anObfuscatedExitWithoutTouchingTheReport() {
        pythonRepo("""
                import atexit
                import os
                atexit.register(lambda: getattr(os, '_ex' + 'it')(0))
                """);
        assertInconsistent(sandbox.evaluate(repo, configOf(repo, "")),
                "the test step exited 0 although its report shows 2 failing tests");
    }

    @Test
    void aReportWrittenBeforeTheRunnersOwnFromATest() {
        pythonRepo(FORGE + """
                _TESTS = ''.join('<testcase classname="test_calc" name="test_%s"/>' % n
                                 for n in ('add', 'add_wrong', 'mul', 'mul_wrong', 'zero'))


                def mul(a, b, _done=[]):
                    if not _done:
                        _done.append(1)
                        _forge(text='<testsuite>' + _TESTS + '</testsuite>')
                    return a * b
                """);
        assertRewritten(sandbox.evaluate(repo, configOf(repo, PYTEST)), "junit.xml (2 times)");
    }

    @Test
    void aThreadThatRewritesTheReportAfterTheRunner() {
        pythonRepo(FORGE + """
                import threading
                import time


                def _later():
                    time.sleep(1.5)
                    _forge()


                threading.Thread(target=_later).start()
                """);
        assertRewritten(sandbox.evaluate(repo, configOf(repo, "")), "junit.xml (2 times)");
    }

    @Test
    void aDetachedGrandchildThatWaitsIsKilledWithItsStep() {
        // Waits for the step to end, then would rewrite the report, the Maven reports and the runner's files.
        pythonRepo(FORGE + """
                import time
                if _os.fork() == 0:
                    _os.setsid()
                    if _os.fork() == 0:
                        time.sleep(4)
                        _forge()
                        _os.makedirs('target/surefire-reports', exist_ok=True)
                        _forge('../../workspace/target/surefire-reports/TEST-f.xml')
                        for name in ('test.exit', 'usage', 'timeout'):
                            _forge('../ctl/' + name, '0')
                        _os._exit(0)
                    _os._exit(0)
                """);
        assertHonest(sandbox.evaluate(repo, configOf(repo, PYTEST)));
    }

    @Test
    void writesThroughProcSelfFdJoinTheRunnersDocumentAndSpoilIt() {
        // Opened at import, so the document is not complete until this process exits: the forged text lands in it.
        pythonRepo(FORGE + """
                import atexit
                _fd = _os.open(_os.environ['SELFCODE_OUT'] + '/junit.xml', _os.O_WRONLY)


                def _finish():
                    again = _os.open('/proc/self/fd/%d' % _fd, _os.O_WRONLY)
                    _os.write(again, _FORGED.encode())
                    _os._exit(0)


                atexit.register(_finish)
                """);
        Evaluation e = sandbox.evaluate(repo, configOf(repo, ""));
        assertThat(e.status()).as(e.logTail()).isEqualTo(Status.BUILD_FAILED);
        assertThat(e.cause()).contains("unusable test report $SELFCODE_OUT/junit.xml: malformed XML");
        assertThat(e.passed()).isZero();
    }

    @Test
    void theReportChannelsCannotBeReadReplacedOrLinked() {
        pythonRepo(FORGE + """
                import atexit
                _out = _os.environ['SELFCODE_OUT']
                _tried = []
                # Reading a channel is allowed (vitest opens its report read-write); draining one only breaks the
                # document the collector keeps, and a reader that waits for the runner's write waits forever.
                for _try in (lambda: _os.unlink(_out + '/junit.xml'),
                             lambda: _os.rename(_out + '/junit.xml', _out + '/x'),
                             lambda: _os.symlink('/tmp/forged.xml', _out + '/junit2.xml'),
                             lambda: _os.link(_out + '/junit.xml', '/tmp/j'),
                             lambda: _os.listdir('/selfcode/ctl')):
                    try:
                        _try()
                        _tried.append('allowed')
                    except OSError as e:
                        _tried.append(type(e).__name__)
                print('tries:', _tried)
                # Plants that a careless collector would read as Maven reports.
                _os.makedirs('target/surefire-reports', exist_ok=True)
                with open('target/forged.xml', 'w') as _f:
                    _f.write(_FORGED)
                _os.symlink('../forged.xml', 'target/surefire-reports/TEST-link.xml')
                _os.link('target/forged.xml', 'target/surefire-reports/TEST-hard.xml')
                """);
        Evaluation e = sandbox.evaluate(repo, configOf(repo, PYTEST_UNCAPTURED));
        assertHonest(e);
        // Each try fails (a hard link into /tmp may fail as a cross-device OSError rather than PermissionError).
        assertThat(e.logTail()).containsPattern("tries: \\['PermissionError', 'PermissionError', 'PermissionError',"
                + " '(PermissionError|OSError)', 'PermissionError'\\]").doesNotContain("allowed");
    }

    @Test
    void theRunnersOwnFilesAreOutOfReach() {
        pythonRepo(FORGE + """
                for _name in ('test.exit', 'test.cpu', 'usage', 'timeout', 'report.junit.xml'):
                    _forge('../ctl/' + _name, '0')
                """);
        Evaluation e = sandbox.evaluate(repo, configOf(repo, PYTEST_UNCAPTURED));
        assertHonest(e);
        assertThat(e.exitCodes()).containsEntry("test", 1);
        assertThat(e.peakMemoryBytes()).isGreaterThan(1 << 20);
        assertThat(e.logTail()).contains("forge failed: [Errno 13] Permission denied: '/selfcode/out/../ctl/test.exit'");
    }

    @Test
    void aForgedCoverageReportIsASecondWrite() {
        pythonRepo(FORGE + """
                import atexit
                atexit.register(lambda: _forge('coverage.xml', '<coverage line-rate="1.0"></coverage>'))
                """);
        RepoConfig config = configOf(repo, """
                test: python3 -m pytest -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml --cov=calc --cov-report=xml:$SELFCODE_OUT/coverage.xml
                coverage: $SELFCODE_OUT/coverage.xml
                """);
        Evaluation e = sandbox.evaluate(repo, config);
        if (e.status() == Status.OK && e.coverage().isEmpty()) {
            // Both documents read as one: the coverage report is unusable, and no coverage is claimed.
            assertThat(e.logTail()).contains("coverage report $SELFCODE_OUT/coverage.xml: ");
        } else if (e.status() == Status.OK) {
            // The hook opened the channel in the instant between the collector's end of the first document and its
            // next open, while the pipe had no reader left that would read it: the forged bytes were dropped, and
            // the runner's own report stands. Never the forged 100%.
            assertThat(e.coverage().get()).as(e.logTail()).isLessThan(100.0);
            assertThat(e.logTail()).doesNotContain("forge failed");
        } else {
            assertInconsistent(e, "$SELFCODE_OUT/coverage.xml (2 times)");
        }
    }

    @Test
    void testsCannotChangeWhatTheMetricsCommandReads() {
        write(repo, "roi.txt", "12.5\n");
        write(repo, "roi.py", "print('{\"roi\": %s}' % open('roi.txt').read().strip())\n");
        pythonRepo("""
                def inflate():
                    with open('roi.txt', 'w') as f:
                        f.write('999')


                inflate()
                """);
        Evaluation e = sandbox.evaluate(repo, configOf(repo, PYTEST + "metrics: python3 roi.py\n"));
        assertHonest(e);
        assertThat(e.customMetrics()).isEqualTo(Map.of("roi", 12.5));
    }

    @Test
    void moreTestsReportedThanCollectedIsInconsistent() {
        // A report written before the runner's own and an early exit: one document, exit 0, but 600 > 5.
        pythonRepo(FORGE + """
                def mul(a, b):
                    _forge()
                    _os._exit(0)
                """);
        assertInconsistent(sandbox.evaluate(repo, configOf(repo, PYTEST)),
                "the test reports name 600 tests but the test runner collected only 5");
    }

    @Test
    void nodeTestFilesThatWriteTheReportOnExit() {
        write(repo, "package.json", """
                {"name": "t", "version": "1.0.0", "private": true, "scripts": {"test": "node --test"}}
                """);
        write(repo, "math.js", """
                const fs = require('node:fs');
                const forged = '<testsuites>' + Array.from({length: 600}, (_, i) => `<testcase name="t${i}"/>`).join('')
                  + '</testsuites>';
                process.on('exit', () => {
                  try { fs.writeFileSync(process.env.SELFCODE_OUT + '/junit.xml', forged); } catch (e) { console.log('forge failed', e.code); }
                  process.reallyExit(0);
                });
                module.exports = { add: (a, b) => a + b };
                """);
        write(repo, "test/math.test.js", """
                const test = require('node:test');
                const assert = require('node:assert');
                const { add } = require('../math.js');
                test('adds', () => assert.strictEqual(add(1, 2), 3));
                test('fails', () => assert.strictEqual(add(1, 2), 4));
                test('fails too', () => assert.strictEqual(add(2, 2), 5));
                """);
        // node's runner holds its report open for the whole run, so the child's text lands inside its document;
        // the runner's own summary ("tests 3") shows that the report names more tests than ran.
        assertInconsistent(sandbox.evaluate(repo, configOf(repo, "")),
                "the test reports name 603 tests but the test runner collected only 3");
    }
    @Test
    void aMavenTestThatRewritesSurefireReportsAfterTheFact() {
        Evaluation e = sandbox.evaluate(mavenRepo(""), configOf(repo, "limits: { memory: 1g }\n"));
        if (e.status() == Status.OK) {
            assertThat(e).extracting(Evaluation::passed, Evaluation::failed).containsExactly(1, 2);
        } else {
            // The forger won the race against Maven's exit; Maven's exit code and summary still say tests failed.
            assertThat(e.status()).as(e.logTail()).isIn(Status.INCONSISTENT, Status.BUILD_FAILED);
            assertThat(e.cause()).containsAnyOf("Maven's summary counts 2 failing tests but its reports in the"
                    + " workspace only 0", "exited 1 although its reports show no failing test");
        }
    }

    @Test
    void aRewrittenSurefireReportIsCaughtEvenWhenFailuresAreIgnored() {
        // With testFailureIgnore Maven exits 0 whatever the tests do; its own summary still counts the failures.
        Evaluation e = sandbox.evaluate(mavenRepo("<configuration><testFailureIgnore>true</testFailureIgnore>"
                + "</configuration>"), configOf(repo, "limits: { memory: 1g }\n"));
        if (e.status() == Status.OK) {
            assertThat(e).extracting(Evaluation::passed, Evaluation::failed).containsExactly(1, 2);
        } else {
            assertInconsistent(e, "Maven's summary counts 2 failing tests but its reports in the workspace only 0");
        }
    }

    private Path mavenRepo(String surefireConfiguration) {
        write(repo, "pom.xml", SandboxTestSupport.seededMavenPom(surefireConfiguration, ""));
        // The candidate's class: on first use it starts a process that outlives the test JVM, waits for Surefire
        // to write the report, and replaces it with one where every test passed.
        write(repo, "src/main/java/t/Calc.java", """
                package t;
                public final class Calc {
                    static {
                        try {
                            new ProcessBuilder("sh", "-c", "r=target/surefire-reports/TEST-t.CalcTest.xml;"
                                + " while ! grep -q testcase $r 2>/dev/null; do sleep 0.05; done;"
                                + " echo '<testsuite><testcase classname=\\"t.CalcTest\\" name=\\"adds\\"/>"
                                + "<testcase classname=\\"t.CalcTest\\" name=\\"fails\\"/>"
                                + "<testcase classname=\\"t.CalcTest\\" name=\\"fails2\\"/></testsuite>' > $r.new;"
                                + " mv $r.new $r; echo forged >&2").inheritIO().start();
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    public static int add(int a, int b) { return a + b; }
                }
                """);
        write(repo, "src/test/java/t/CalcTest.java", """
                package t;
                import static org.junit.jupiter.api.Assertions.assertEquals;
                import org.junit.jupiter.api.Test;
                class CalcTest {
                    @Test void adds() { assertEquals(3, Calc.add(1, 2)); }
                    @Test void fails() { assertEquals(4, Calc.add(1, 2)); }
                    @Test void fails2() { assertEquals(5, Calc.add(1, 2)); }
                }
                """);
        return repo;
    }
}
