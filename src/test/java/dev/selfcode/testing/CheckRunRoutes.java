package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.INSTALLATION;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.lib.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/** Routes of the checks API: create, update, get and list check runs, validated as GitHub validates them. */
final class CheckRunRoutes {

    private static final Set<String> STATUSES = Set.of("queued", "in_progress", "completed", "waiting", "requested",
            "pending");
    private static final Set<String> CONCLUSIONS = Set.of("action_required", "cancelled", "failure", "neutral",
            "success", "skipped", "stale", "timed_out");

    private CheckRunRoutes() {
    }

    static void register(FakeRouter router) {
        router.add(Route.of("POST", "/repos/{owner}/{repo}/check-runs", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            ObjectNode body = ex.json();
            String name = ex.required(body, "CheckRun", "name");
            String sha = ex.required(body, "CheckRun", "head_sha");
            ObjectId commit = ObjectId.isId(sha) ? repo.git.resolve(sha) : null;
            if (commit == null) {
                throw GitHubError.unprocessable("No commit found for SHA: " + sha);
            }
            FakeCheckRun blank = new FakeCheckRun(ex.state.nextId(), repo.fullName(), name, commit.name(), "queued",
                    null, null, null, null, null, null, FakeState.now(), null);
            FakeCheckRun run = apply(blank, body);
            ex.state.checkRuns.put(run.id(), run);
            return Answer.created(CheckRunJson.checkRun(ex.state, repo, run));
        }));
        router.add(Route.of("PATCH", "/repos/{owner}/{repo}/check-runs/{id}", INSTALLATION, ex -> {
            FakeCheckRun run = apply(run(ex), ex.json());
            ex.state.checkRuns.put(run.id(), run);
            return Answer.ok(CheckRunJson.checkRun(ex.state, ex.repo(), run));
        }));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/check-runs/{id}", INSTALLATION,
                ex -> Answer.ok(CheckRunJson.checkRun(ex.state, ex.repo(), run(ex)))));
        router.add(Route.of("GET", "/repos/{owner}/{repo}/commits/{ref+}/check-runs", INSTALLATION, ex -> {
            HostedRepo repo = ex.repo();
            String sha = RepoRoutes.commitAt(repo, ex.param("ref")).name();
            String name = ex.query("check_name", null);
            String status = ex.query("status", null);
            Map<String, FakeCheckRun> latest = new LinkedHashMap<>();
            List<FakeCheckRun> all = new ArrayList<>();
            for (FakeCheckRun run : ex.state.select(ex.state.checkRuns, r -> r.repo().equals(repo.fullName())
                    && r.headSha().equals(sha) && (name == null || r.name().equals(name))
                    && (status == null || r.status().equals(status)))) {
                latest.put(run.name(), run);
                all.add(run);
            }
            List<FakeCheckRun> runs = "all".equals(ex.query("filter", "latest")) ? all : new ArrayList<>(latest.values());
            ObjectNode page = Json.object().put("total_count", runs.size());
            ArrayNode list = page.putArray("check_runs");
            runs.forEach(run -> list.add(CheckRunJson.checkRun(ex.state, repo, run)));
            return Answer.ok(page);
        }));
    }

    private static FakeCheckRun run(FakeExchange ex) {
        FakeCheckRun run = ex.state.checkRuns.get(ex.id("id"));
        if (run == null || !run.repo().equals(ex.repo().fullName())) {
            throw GitHubError.notFound();
        }
        return run;
    }

    /** Applies the fields of a create or update body; a conclusion completes the run, as on GitHub. */
    private static FakeCheckRun apply(FakeCheckRun run, ObjectNode body) {
        String status = Json.text(body, "status", run.status());
        String conclusion = Json.text(body, "conclusion", run.conclusion());
        if (!STATUSES.contains(status)) {
            throw GitHubError.invalid("CheckRun", "status", "invalid");
        }
        if (conclusion != null && !CONCLUSIONS.contains(conclusion)) {
            throw GitHubError.invalid("CheckRun", "conclusion", "invalid");
        }
        if (conclusion != null && body.has("conclusion")) {
            status = "completed";
        }
        if ("completed".equals(status) && conclusion == null) {
            throw GitHubError.invalid("CheckRun", "conclusion", "missing_field");
        }
        String title = run.title();
        String summary = run.summary();
        String text = run.text();
        JsonNode output = body.get("output");
        if (output != null && !output.isNull()) {
            title = Json.text(output, "title", null);
            summary = Json.text(output, "summary", null);
            if (title == null || summary == null) {
                throw GitHubError.invalid("CheckRun", "output", "missing_field");
            }
            text = Json.text(output, "text", run.text());
        }
        Instant started = time(body, "started_at", run.startedAt());
        Instant completed = time(body, "completed_at", run.completedAt());
        if ("completed".equals(status) && completed == null) {
            completed = FakeState.now();
        }
        return new FakeCheckRun(run.id(), run.repo(), Json.text(body, "name", run.name()), run.headSha(), status,
                "completed".equals(status) ? conclusion : null, title, summary, text,
                Json.text(body, "details_url", run.detailsUrl()), Json.text(body, "external_id", run.externalId()),
                started, completed);
    }

    private static Instant time(JsonNode body, String field, Instant fallback) {
        String value = Json.text(body, field, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GitHubError.invalid("CheckRun", field, "invalid");
        }
    }
}
