package dev.selfcode.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffLinesTest {

    @Test
    void everyLineGetsItsKindAndHeadersInsideAHunkAreChanges() {
        String diff = """
                diff --git a/calc.py b/calc.py
                index 1111111..2222222 100644
                --- a/calc.py
                +++ b/calc.py
                @@ -1,2 +1,5 @@
                 def add(a, b):
                -    return a + b
                +    return a + b
                +++ not a header
                --- not one either
                """;

        assertThat(DiffLines.of(diff)).extracting(DiffLines.Line::kind).containsExactly("file", "file", "file", "file",
                "hunk", "ctx", "del", "add", "add", "del");
        assertThat(DiffLines.of(diff).get(8).text()).isEqualTo("+++ not a header");
    }

    @Test
    void noDiffIsNoLines() {
        assertThat(DiffLines.of(null)).isEmpty();
        assertThat(DiffLines.of("")).isEmpty();
    }
}
