package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.Stage;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.PromptCost;

/** The decision output names the tokens the patch's generation used, the summarizer's and the shared prompt prefix. */
class TokensShownTest {

    private static String printed(PatchOutcome outcome) {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw, true);
        ApplyCommand.print(w, w, outcome);
        return sw.toString();
    }

    private static PatchOutcome outcome() {
        return PatchOutcome.failed(9, Stage.GUARD, new StageFailure(FailureKind.REJECTED, "refused"), Map.of());
    }

    @Test
    void aChunkedPromptShowsItsTokensSummarizerCostAndSharedPrefix() {
        GeneratedCode code = new GeneratedCode("def f():\n    pass\n", "llm", "gpt-x", 3974, 24, "p", "r", 5L,
                new PromptCost(58, 28979, true, 21212, Optional.of(0.871)));

        assertThat(printed(outcome().withGenerated(Optional.of(code)))).contains("tokens: 3998 (3974 prompt + 24"
                + " answer); file of 21212 tokens shown as chunk summaries; chunk summaries: 58 calls, 28979 tokens; 87%"
                + " of the prompt as the previous one on this file\n");
    }

    @Test
    void aSmallFileShowsTheCallsTokensOnlyAndNoGenerationShowsNone() {
        GeneratedCode code = new GeneratedCode("def f():\n    pass\n", "llm", "gpt-x", 100, 20, "p", "r");

        assertThat(printed(outcome().withGenerated(Optional.of(code))))
                .contains("tokens: 120 (100 prompt + 20 answer)\n");
        assertThat(printed(outcome())).doesNotContain("tokens:");
    }
}
