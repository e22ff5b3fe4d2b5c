package dev.selfcode.guardrail;

import java.time.Instant;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.selfcode.memory.GptInteraction;
import dev.selfcode.metrics.PatchAttempt;

/** Patch attempts and model calls as the engine records them, at chosen times, for the guardrail tests. */
public final class GuardrailRows {

    private GuardrailRows() {
    }

    /** A finished attempt: KEEP, REVERT or FAILED (with the failure kind the engine writes first in its reasons). */
    public static long attempt(String repo, String decision, Instant at) {
        return attempt(repo, decision, at, null, null);
    }

    public static long attempt(String repo, String decision, Instant at, Integer prNumber, String prOutcome) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PatchAttempt a = new PatchAttempt();
            a.repo = repo;
            a.filePath = "calc.py";
            a.description = "a helper";
            a.trigger = "comment";
            a.decision = decision;
            a.reasons = PatchAttempt.FAILED.equals(decision) ? "TRANSIENT: the LLM did not answer (HTTP 503)" : null;
            a.prNumber = prNumber;
            a.prOutcome = prOutcome;
            a.createdAt = at;
            a.persist();
            return a.id;
        });
    }

    /** A model call that spent {@code tokens} (prompt and completion halves). */
    public static void call(String repo, long tokens, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            GptInteraction g = new GptInteraction();
            g.repo = repo;
            g.purpose = GptInteraction.GENERATE;
            g.prompt = "write a helper";
            g.promptTokens = (int) (tokens / 2);
            g.completionTokens = (int) (tokens - tokens / 2);
            g.latencyMs = 1L;
            g.createdAt = at;
            g.persist();
        });
    }
}
