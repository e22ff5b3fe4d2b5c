package dev.selfcode.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure parts behind the Markdown Selfcode posts: diff summaries, descriptions, the automerge rule. */
class MarkdownPartsTest {

    static final String DIFF = """
            diff --git a/calc.py b/calc.py
            index 1..2 100644
            --- a/calc.py
            +++ b/calc.py
            @@ -1,2 +1,4 @@
             def add(a, b):
            -    return a+b
            +    return a + b
            +# ```not a fence```
            diff --git a/util/new.py b/util/new.py
            --- /dev/null
            +++ b/util/new.py
            @@ -0,0 +1 @@
            +X = 1
            """;

    @Test
    void aDiffSummaryCountsFilesAndLinesAndFencesAroundBackticks() {
        DiffSummary s = DiffSummary.of(DIFF);
        assertThat(s.files()).containsExactly(new DiffSummary.FileChange("calc.py", 2, 1),
                new DiffSummary.FileChange("util/new.py", 1, 0));
        assertThat(s.added()).isEqualTo(3);
        assertThat(s.removed()).isEqualTo(1);
        assertThat(s.fence()).isEqualTo("````");
        assertThat(s.cut()).isFalse();
    }

    @Test
    void aHugeDiffIsCut() {
        DiffSummary s = DiffSummary.of("diff --git a/x.py b/x.py\n" + "+a\n".repeat(20_000));
        assertThat(s.cut()).isTrue();
        assertThat(s.excerpt().length()).isLessThanOrEqualTo(DiffSummary.MAX_EXCERPT);
        assertThat(s.added()).isEqualTo(20_000);
    }

    @Test
    void theDescriptionIsTheFirstLinesArgumentsPlusTheFollowingLines() {
        assertThat(RunSelfcodeCommand.Patch.description(List.of("add", "a", "helper"),
                "/selfcode --file x.py add a helper\n\nthat parses dates\n")).isEqualTo("add a helper\nthat parses dates");
        assertThat(RunSelfcodeCommand.Patch.description(List.of(), "/selfcode --file x.py\nparse dates"))
                .isEqualTo("parse dates");
        assertThat(RunSelfcodeCommand.Patch.problem("", null)).contains("say what to build");
        assertThat(RunSelfcodeCommand.Patch.problem("x", "NaN")).contains("--threshold");
        assertThat(RunSelfcodeCommand.Patch.problem("x", "Infinity")).contains("--threshold");
        assertThat(RunSelfcodeCommand.Patch.problem("x".repeat(2001), null)).contains("2000");
        assertThat(RunSelfcodeCommand.Patch.problem("x", "0.2")).isNull();
    }

    @Test
    void aLabelledIssuesDescriptionIsCapped() {
        assertThat(RunOnLabel.description("Title", "Body")).isEqualTo("Title\n\nBody");
        assertThat(RunOnLabel.description("Title", null)).isEqualTo("Title");
        assertThat(RunOnLabel.description("T", "b".repeat(5000))).hasSize(RunSelfcodeCommand.MAX_DESCRIPTION).endsWith("…");
    }

    @Test
    void writesAreCappedToWhatGitHubAccepts() {
        String capped = GitHubWrites.cap("x".repeat(70_000), GitHubWrites.MAX_BODY);
        assertThat(capped).hasSizeLessThanOrEqualTo(GitHubWrites.MAX_BODY).contains("cut");
        assertThat(GitHubWrites.cap("short", 10)).isEqualTo("short");
    }

    @Test
    void aQuotedDescriptionStaysInsideTheQuote() {
        assertThat(Markdown.quoted("one\r\ntwo\n")).isEqualTo("one\n> two");
    }
}
