package dev.selfcode.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.selfcode.sandbox.Evaluation;

/** The same-test-ids invariant as a pure rule: which paths are tests, what differs, when it is not compared. */
class SameTestIdsTest {

    static Evaluation ran(List<String> ids) {
        return new Evaluation(Evaluation.Status.OK, ids.size(), 0, 0, 0, 0, Optional.empty(), Map.of(), 1, 1, 1,
                Map.of("test", 0), "", ids, "");
    }

    @Test
    void testFilesAreKnownByTheirPathConventions() {
        assertThat(List.of("tests/test_x.py", "test/a.js", "src/__tests__/a.js", "src/test/java/demo/CalcTest.java",
                "test_calc.py", "pkg/calc_test.py", "lib/a.test.js", "web/a.spec.ts", "src/main/java/demo/CalcIT.java",
                "conftest.py")).allMatch(SameTestIds::isTestFile);
        assertThat(List.of("calc.py", "src/main/java/demo/Calc.java", "lib/testing.js", "src/contest.py",
                "lib/attest.js")).noneMatch(SameTestIds::isTestFile);
    }

    @Test
    void theSameIdsPass() {
        assertThat(SameTestIds.problem("calc.py", ran(List.of("t::a", "t::b")), ran(List.of("t::a", "t::b"))))
                .isEmpty();
    }

    @Test
    void idsThatAppearOrDisappearAreNamedAFewThenCounted() {
        List<String> many = IntStream.range(0, 8).mapToObj(i -> "forged::case" + i).toList();
        List<String> candidate = new java.util.ArrayList<>(many);
        candidate.add("t::a");
        assertThat(SameTestIds.problem("calc.py", ran(List.of("t::a", "t::b")), ran(candidate))).hasValue(
                "the candidate runs other tests than its base, though it changes no test file (calc.py): "
                        + "8 appeared (forged::case0, forged::case1, forged::case2, forged::case3, forged::case4 and 3 more);"
                        + " 1 disappeared (t::b)");
    }

    @Test
    void aPatchOfATestFileMayChangeTheIds() {
        assertThat(SameTestIds.problem("tests/test_calc.py", ran(List.of("t::a")), ran(List.of("t::b")))).isEmpty();
    }

    @Test
    void idsAreNotComparedWhenASideNamesNoneAndTheSummarySaysSo() {
        assertThat(SameTestIds.problem("calc.py", ran(List.of()), ran(List.of("t::b")))).isEmpty();
        assertThat(SameTestIds.skipped(ran(List.of()), ran(List.of("t::b"))))
                .isEqualTo("; test ids not compared: the base's reports name no tests (counted by exit code)");
        assertThat(SameTestIds.skipped(ran(List.of("t::a")), ran(List.of("t::a")))).isEmpty();
    }
}
