package dev.selfcode.github;

import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.selfcode.engine.Decision;
import dev.selfcode.engine.DecisionTable;

/** Every Markdown text Selfcode posts on GitHub, as type-checked Qute templates under templates/github/. */
@CheckedTemplate(basePath = "github")
final class Markdown {

    private Markdown() {
    }

    /** Text to put after a "> " line: every further line stays inside the quote block. */
    static String quoted(String text) {
        return text == null ? "" : text.strip().replace("\r", "").replace("\n", "\n> ");
    }

    /** The decision as a Markdown table: metric, base, candidate, delta, threshold, verdict. */
    static native TemplateInstance decisionTable(List<DecisionTable.Cells> rows, boolean countedByExitCode,
            String flaky, String tries);

    /** The decision's table, or null when it has no rows (no numbers were reached). */
    static String table(Decision decision) {
        return decision.rows().isEmpty()
                ? null
                : decisionTable(DecisionTable.cells(decision), decision.countedByExitCode(), DecisionTable.flaky(decision),
                        DecisionTable.tries(decision)).render();
    }

    /** The body of a kept patch's pull request. */
    static native TemplateInstance prBody(String link, String description, String table, DiffSummary diff,
            String model, String generator, int promptTokens, int completionTokens, double threshold, long patchId,
            long jobId, String automerge);

    /** Why a patch was thrown away; {@code closing} when it closes the Selfcode PR it was asked for on. */
    static native TemplateInstance revertComment(String description, String table, List<String> reasons,
            double threshold, long patchId, boolean closing, String why);

    /** The body of a revert pull request opened by the rollback watch. */
    static native TemplateInstance rollbackPrBody(int pull, long patchId, String mergeSha, String description,
            String verdict, String trend, String table, String commits);

    /** On the merged pull request: it proved bad, and this is the revert. */
    static native TemplateInstance rollbackNotice(String verdict, String trend, int revertPull);

    /** On the merged pull request: it proved bad, but no revert could be made or measured. */
    static native TemplateInstance rollbackEvidence(String verdict, String trend, String problem, String revertHint);

    /** The request cannot be done as given. */
    static native TemplateInstance badInputComment(String description, String problem);

    /** The job failed; {@code retrying} when the queue will try again. */
    static native TemplateInstance failedComment(String description, String stage, String problem, boolean retrying,
            long jobId, String why);

    /**
     * The base branch's own checks could not be measured, so nothing was tried; {@code userInput} when the user can
     * fix it in what they gave (the repo config, the tests).
     */
    static native TemplateInstance baseUnmeasurableComment(String description, String problem, String why,
            boolean userInput);

    /** Why a measurement could not be used: cause, limit hit, the failing step's lines, a hint. */
    static native TemplateInstance why(WhyShown why);

    /** The polite answer to a user without write permission. */
    static native TemplateInstance deniedReply(String user);

    /** A malformed .github/selfcode.yml. */
    static native TemplateInstance configErrorComment(String problem);

    /** Usage of /selfcode. */
    static native TemplateInstance help(String label);

    /** A /selfcode line that could not be parsed. */
    static native TemplateInstance parseErrorComment(String command, List<String> errors);

    /** The check run's summary while and after a job runs. */
    static native TemplateInstance checkSummary(String description, List<String> stages, String outcome, String why);
}
