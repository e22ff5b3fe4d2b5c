package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The file and line of each finding in the formats linters print; a finding naming no file has no location. */
class LintLocationsTest {

    private static LintLocations.Location at(String path, int line) {
        return new LintLocations.Location(path, line);
    }

    @Test
    void unixFormatsOfFlake8PylintEslintJavacAndCheckstyle() {
        String output = """
                ./b.py:1:1: F401 'os' imported but unused
                b.py:12:80: E501 line too long (96 > 79 characters)
                ************* Module b
                b.py:3:0: C0116: Missing function or method docstring (missing-function-docstring)
                /workspace/src/x.js:3:5: 'a' is assigned a value but never used. [Error/no-unused-vars]
                src/main/java/demo/Calc.java:7: error: incompatible types: String cannot be converted to int
                [WARN] /workspace/src/main/java/demo/Calc.java:5:5: Missing a Javadoc comment. [MissingJavadocMethod]
                Your code has been rated at 5.00/10
                """;
        assertThat(LintLocations.of(output, 100)).containsExactly(at("./b.py", 1), at("b.py", 12), at("b.py", 3),
                at("/workspace/src/x.js", 3), at("src/main/java/demo/Calc.java", 7),
                at("/workspace/src/main/java/demo/Calc.java", 5));
    }

    @Test
    void tscMavenAndEslintStylish() {
        String output = """
                src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.
                [ERROR] /workspace/src/main/java/demo/Calc.java:[12,9] cannot find symbol
                /workspace/src/b.js
                  2:7   error    'unused' is assigned a value but never used  no-unused-vars
                  9:1   warning  Unexpected console statement                 no-console

                ✖ 2 problems (1 error, 1 warning)
                """;
        assertThat(LintLocations.of(output, 100)).containsExactly(at("src/app.ts", 3),
                at("/workspace/src/main/java/demo/Calc.java", 12), at("/workspace/src/b.js", 2),
                at("/workspace/src/b.js", 9));
    }

    @Test
    void findingsWithoutAFileAndOtherOutputHaveNoLocation() {
        String output = """
                error: no configuration file found
                12:30:01 INFO linting
                Tests run: 3, Failures: 1
                Found 2 errors.
                """;
        assertThat(LintLocations.of(output, 100)).isEmpty();
    }

    @Test
    void atMostTheGivenNumber() {
        assertThat(LintLocations.of("a.py:1:1: E1\na.py:2:1: E2\na.py:3:1: E3\n", 2)).hasSize(2);
    }
}
