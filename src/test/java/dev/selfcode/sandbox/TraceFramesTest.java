package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Frames of failure texts in the shapes runners print, deepest first. */
class TraceFramesTest {

    private static TraceFrames.Frame frame(String path, int line) {
        return new TraceFrames.Frame(path, line);
    }

    @Test
    void pythonChainedTracebacksEndWithTheDeepestFrame() {
        String trace = """
                Traceback (most recent call last):
                  File "/workspace/app/store.py", line 8, in load
                    return json.loads(text)
                  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads
                    return _default_decoder.decode(s)
                json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "/workspace/tests/test_store.py", line 5, in test_load
                    load("")
                  File "/workspace/app/store.py", line 10, in load
                    raise StoreError("bad") from None
                app.store.StoreError: bad
                """;
        assertThat(TraceFrames.deepestFirst(trace)).containsExactly(frame("/workspace/app/store.py", 10),
                frame("/workspace/tests/test_store.py", 5), frame("/usr/lib/python3.11/json/__init__.py", 346),
                frame("/workspace/app/store.py", 8));
    }

    @Test
    void javaRootCauseFramesComeFirst() {
        String trace = """
                java.lang.IllegalStateException: cannot divide 1
                	at demo.Calc.wrapped(Calc.java:13)
                	at demo.CalcTest.wraps(CalcTest.java:16)
                	at java.base/java.lang.reflect.Method.invoke(Method.java:569)
                Caused by: java.lang.ArithmeticException: / by zero
                	at demo.Calc$Inner.divide(Calc.java:6)
                	... 4 more
                """;
        assertThat(TraceFrames.deepestFirst(trace)).containsExactly(frame("demo/Calc.java", 6),
                frame("demo/Calc.java", 13), frame("demo/CalcTest.java", 16),
                frame("java/lang/reflect/Method.java", 569));
    }

    @Test
    void nodeStacksWithFileUrlsAndAnonymousFrames() {
        String trace = """
                Error: boom
                    at parse (file:///workspace/src/parse.mjs:4:11)
                    at /workspace/src/index.js:12:3
                    at Test.run (node:internal/test_runner/test:796:25)
                """;
        assertThat(TraceFrames.deepestFirst(trace)).containsExactly(frame("/workspace/src/parse.mjs", 4),
                frame("/workspace/src/index.js", 12));
    }
}
