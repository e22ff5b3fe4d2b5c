package dev.selfcode.web.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.engine.Decision;
import dev.selfcode.engine.DecisionTable;
import dev.selfcode.memory.GptInteraction;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.PatchTry;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.sweep.WatchedMerge;
import dev.selfcode.web.Viewer;

/** Patch attempts: the filtered, paged list and one attempt whole. */
@ApplicationScoped
public class PatchQueries {

    // Infinite bounds (an interval fitted on two points) are written as -Infinity/Infinity by the engine.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    EntityManager em;
    @Inject
    RepoQueries repos;

    /** The GitHub API the App talks to; links to branches and pull requests go to its web pages. */
    @ConfigProperty(name = "quarkus.github-app.instance-endpoint", defaultValue = "https://api.github.com")
    String githubApi;

    /** The page {@code filter} asks for, of the repositories {@code viewer} may read, newest first. */
    @Transactional
    public Page<PatchRow> list(Viewer viewer, PatchFilter filter) {
        Optional<Listing> listing = Listing.of("SELECT id, repo, file_path, description, trigger_source, decision,"
                + " failure_stage, roi_delta, errors_delta, complexity_delta, pr_number, pr_outcome, prompt_tokens,"
                + " completion_tokens, created_at FROM patch_history", viewer, filter.repo(), repos);
        if (listing.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<Object[]> rows = listing.get().where("decision = ?", filter.decision())
                .where("trigger_source = ?", filter.trigger())
                .where("created_at >= ?", filter.since() == null ? null : Rows.utc(filter.since()))
                .rows(em, filter.before(), filter.limit());
        List<PatchRow> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(rows.size(), filter.limit()))) {
            Integer prompt = Rows.intOrNull(r[12]);
            Integer completion = Rows.intOrNull(r[13]);
            items.add(new PatchRow(Rows.longOf(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], Rows.doubleOrNull(r[7]), Rows.doubleOrNull(r[8]),
                    Rows.doubleOrNull(r[9]), Rows.intOrNull(r[10]), (String) r[11],
                    prompt == null && completion == null
                            ? null
                            : (prompt == null ? 0 : prompt) + (completion == null ? 0 : completion),
                    Rows.instant(r[14])));
        }
        String next = rows.size() > filter.limit()
                ? Cursor.after(PatchFilter.CURSOR_TAG, items.get(items.size() - 1).id())
                : null;
        return new Page<>(items, next);
    }

    /** One attempt whole; empty when it does not exist or its repository is not readable (both answer 404). */
    @Transactional
    public Optional<PatchDetail> detail(Viewer viewer, long id) {
        PatchAttempt a = PatchAttempt.findById(id);
        if (a == null || !viewer.canRead(a.repo)) {
            return Optional.empty();
        }
        List<PatchDetail.Metric> metrics = List.of(
                new PatchDetail.Metric("roi", a.roiBefore, a.roiAfter, a.roiDelta, a.predictedRoi,
                        a.predictedRoiDelta),
                new PatchDetail.Metric("errors", a.errorsBefore, a.errorsAfter, a.errorsDelta, a.predictedErrors,
                        a.predictedErrorsDelta),
                new PatchDetail.Metric("complexity", a.complexityBefore, a.complexityAfter, a.complexityDelta, null,
                        null));
        Integer total = a.promptTokens == null && a.completionTokens == null
                ? null
                : (a.promptTokens == null ? 0 : a.promptTokens) + (a.completionTokens == null ? 0 : a.completionTokens);
        PatchDetail.Tokens tokens = new PatchDetail.Tokens(a.promptTokens, a.completionTokens, total,
                a.summarizerCalls, a.summarizerTokens, a.promptPrefixShare);
        List<PatchDetail.ModelCall> calls = GptInteraction.<GptInteraction>list("patchId = ?1 order by id", id)
                .stream().map(g -> new PatchDetail.ModelCall(g.id, g.purpose, g.model, redacted(g.prompt),
                        redacted(g.response), redacted(g.error), g.promptTokens, g.completionTokens, g.latencyMs,
                        g.createdAt))
                .toList();
        List<PatchDetail.Try> tries = PatchTry.<PatchTry>list("patchId = ?1 order by tryNumber", id).stream()
                .map(t -> new PatchDetail.Try(t.tryNumber, t.generator, t.decision, redacted(t.reasons),
                        t.promptTokens, t.completionTokens, t.createdAt))
                .toList();
        boolean onGitHub = repos.known().get(a.repo) != null;
        String base = webUrl(githubApi) + "/" + a.repo;
        PatchDetail.Links links = new PatchDetail.Links(a.branch,
                onGitHub && a.branch != null && a.headSha != null ? base + "/tree/" + a.branch : null, a.prNumber,
                onGitHub && a.prNumber != null ? base + "/pull/" + a.prNumber : null, a.prOutcome);
        WatchedMerge w = WatchedMerge.findById(id);
        PatchDetail.Rollback rollback = w == null
                ? null
                : new PatchDetail.Rollback(w.state, w.mergedAt, w.mergeSha, redacted(w.verdict), w.revertBranch,
                        w.revertPr, w.updatedAt);
        return Optional.of(new PatchDetail(a.id, a.repo, a.filePath, redacted(a.description), a.trigger,
                a.decision, a.failureStage, lines(redacted(a.reasons)), metrics, decisionRows(a.decisionTable),
                a.threshold, redacted(a.diff), a.generator, a.model, tokens, timings(a.timings), calls, tries, links,
                rollback, a.baseSha, a.headSha, a.jobId, a.createdAt));
    }

    /** The decision table's rows from the recorded JSON ({@code engine.RecordPatch}), as every table shows them. */
    static List<PatchDetail.DecisionRow> decisionRows(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<Decision.Row> rows;
        try {
            rows = JSON.readValue(json, new TypeReference<List<Decision.Row>>() {
            });
        } catch (java.io.IOException e) {
            // Rows written before the table was stored as JSON: nothing to show but the reasons.
            return List.of();
        }
        List<DecisionTable.Cells> cells = DecisionTable.cells(rows);
        List<PatchDetail.DecisionRow> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Decision.Row r = rows.get(i);
            DecisionTable.Cells c = cells.get(i);
            out.add(new PatchDetail.DecisionRow(r.metric(), r.base(), r.candidate(), r.delta(), c.rule(),
                    c.verdict(), c.fired(), c.noise(), c.interval(), c.base(), c.candidate(), c.delta()));
        }
        return out;
    }

    /** github.com for its API; a GitHub Enterprise server's pages for its {@code https://host/api/v3}. */
    static String webUrl(String api) {
        String trimmed = api.replaceAll("/+$", "");
        if (trimmed.equals("https://api.github.com")) {
            return "https://github.com";
        }
        return trimmed.endsWith("/api/v3") ? trimmed.substring(0, trimmed.length() - "/api/v3".length()) : trimmed;
    }

    /** {@code check_out=120ms gather_context=30ms ...} as recorded, in order. */
    static List<PatchDetail.StageTiming> timings(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return List.of();
        }
        List<PatchDetail.StageTiming> out = new ArrayList<>();
        for (String part : recorded.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.endsWith("ms")) {
                try {
                    out.add(new PatchDetail.StageTiming(part.substring(0, eq),
                            Long.parseLong(part.substring(eq + 1, part.length() - 2))));
                } catch (NumberFormatException e) {
                    // not a timing: skipped
                }
            }
        }
        return out;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    /** Stored texts were redacted when written; redacting again covers rows written before a rule was added. */
    private static String redacted(String text) {
        return SecretScanner.redacted(text);
    }
}
