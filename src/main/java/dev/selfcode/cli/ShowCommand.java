package dev.selfcode.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.engine.Decision;
import dev.selfcode.engine.DecisionTable;
import dev.selfcode.engine.RecordedDecision;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.llm.PromptCost;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchHistory;
import dev.selfcode.web.FixedViewer;
import dev.selfcode.web.view.PatchDetail;
import dev.selfcode.web.view.PatchQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfcode show PATCH_ID}: one recorded attempt with its decision table, reasons, tokens and diff. */
@Command(name = "show", description = "Show one recorded patch attempt: its decision table (as selfcode apply "
        + "printed it), the reasons, the tokens and the diff. Exit 0 shown, 1 the record could not be read, 2 no such "
        + "patch or not a patch id.")
class ShowCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** A String, not a long: a mistyped id is answered in our words instead of picocli's conversion error. */
    @Parameters(index = "0", paramLabel = "PATCH_ID", description = "the patch's id (the id column of selfcode history)")
    String patchId;

    @Option(names = "--json", description = "print one JSON object instead of text: the patch as GET /api/patches/{id}"
            + " answers it (fields: see README)")
    boolean json;

    @Option(names = "--verbose", description = "show server logs")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Inject
    PatchHistory history;

    /** The read model the API and the dashboard use: {@code --json} prints what {@code GET /api/patches/{id}} does. */
    @Inject
    PatchQueries patches;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Long> id = id(patchId);
        if (id.isEmpty()) {
            return fail(err, 2, "PATCH_ID must be a whole number above 0 such as 12, not \"" + patchId
                    + "\"; selfcode history lists the recorded ids");
        }
        if (json) {
            Optional<PatchDetail> detail;
            try {
                detail = patches.detail(FixedViewer.ADMIN, id.get());
            } catch (RuntimeException e) {
                return fail(err, 1, "could not read patch #" + id.get() + ": " + e.getMessage());
            }
            if (detail.isEmpty()) {
                return unknown(err, id.get());
            }
            out.println(mapper.writeValueAsString(detail.get()));
            out.flush();
            return 0;
        }
        PatchAttempt a;
        Decision decision;
        try {
            a = history.get(id.get());
            decision = a == null ? null : RecordedDecision.of(a);
        } catch (RuntimeException e) {
            return fail(err, 1, "could not read patch #" + id.get() + ": " + e.getMessage());
        }
        if (a == null) {
            return unknown(err, id.get());
        }
        print(out, a, decision);
        out.flush();
        return 0;
    }

    private static int unknown(PrintWriter err, long id) {
        return fail(err, 2, "there is no patch #" + id + " in this database; selfcode history lists the recorded ids");
    }

    private static int fail(PrintWriter err, int exit, String message) {
        err.println("selfcode: " + message);
        err.flush();
        return exit;
    }

    static Optional<Long> id(String text) {
        try {
            long id = Long.parseLong(text.strip().replaceFirst("^#", ""));
            return id > 0 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void print(PrintWriter out, PatchAttempt a, Decision d) {
        out.println("patch #" + a.id + "  " + a.decision + "  " + a.repo + "  " + WHEN.format(a.createdAt));
        out.println("file: " + a.filePath);
        out.println("description: " + a.description);
        out.println("trigger: " + a.trigger + (a.generator == null ? "" : "  generator: " + a.generator)
                + (a.model == null ? "" : "  model: " + a.model)
                + (a.threshold == null ? "" : "  threshold: " + a.threshold));
        if (a.baseSha != null) {
            out.println("base: " + a.baseSha + (a.branch == null ? "" : "  branch: " + a.branch)
                    + (a.headSha == null ? "" : "  head: " + a.headSha));
        }
        if (a.prNumber != null) {
            out.println("pull request: #" + a.prNumber + (a.prOutcome == null ? "" : " (" + a.prOutcome + ")"));
        }
        out.println();
        if (d.rows().isEmpty()) {
            out.println(a.failureStage == null
                    ? "no decision table: the attempt was not measured"
                    : "no decision table: the attempt stopped at the " + a.failureStage + " stage");
        } else {
            out.print(DecisionTable.text(d));
        }
        if (!d.reasons().isEmpty()) {
            out.println();
            out.println("reasons:");
            d.reasons().forEach(r -> out.println("  " + r));
        }
        if (a.promptTokens != null || a.completionTokens != null) {
            out.println();
            out.println("tokens: " + DecisionTable.tokens(generated(a)));
        }
        if (a.timings != null && !a.timings.isBlank()) {
            out.println("timings: " + a.timings);
        }
        out.println();
        if (a.diff == null || a.diff.isBlank()) {
            out.println("no diff recorded");
        } else {
            out.println("diff:");
            out.print(a.diff.endsWith("\n") ? a.diff : a.diff + "\n");
        }
    }

    /**
     * The recorded counts as the tokens line reads them. Whether the file was shown as chunk summaries is not
     * recorded, so that part of the line is left out.
     */
    private static GeneratedCode generated(PatchAttempt a) {
        return new GeneratedCode("", a.generator, a.model, a.promptTokens == null ? 0 : a.promptTokens,
                a.completionTokens == null ? 0 : a.completionTokens, "", "", null,
                new PromptCost(a.summarizerCalls == null ? 0 : a.summarizerCalls,
                        a.summarizerTokens == null ? 0 : a.summarizerTokens, false, 0,
                        Optional.ofNullable(a.promptPrefixShare)));
    }
}
