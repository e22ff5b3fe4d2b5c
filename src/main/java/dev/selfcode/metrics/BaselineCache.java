package dev.selfcode.metrics;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.code.ContentHash;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.sandbox.Evaluation;

/** Baseline evaluations by base commit and config hash, so a second patch on one base measures only the candidate. */
@ApplicationScoped
public class BaselineCache {

    @Inject
    ObjectMapper json;

    @Transactional
    public Optional<Evaluation> find(String repo, String baseSha, RepoConfig config) {
        return EvaluationCacheEntry.find(repo, baseSha, hash(config)).flatMap(e -> {
            try {
                return Optional.of(json.readValue(e.evaluation, Evaluation.class));
            } catch (JsonProcessingException ex) {
                // An entry from an older format: measure again.
                e.delete();
                return Optional.empty();
            }
        });
    }

    /** Stores a usable baseline; unusable ones are never cached (the next run may succeed). */
    @Transactional
    public void store(String repo, String baseSha, RepoConfig config, Evaluation evaluation) {
        if (!evaluation.usable() || EvaluationCacheEntry.find(repo, baseSha, hash(config)).isPresent()) {
            return;
        }
        EvaluationCacheEntry e = new EvaluationCacheEntry();
        e.repo = repo;
        e.baseSha = baseSha;
        e.configHash = hash(config);
        try {
            // The log tail is what the repository's own steps printed: stored without the secrets it may show.
            ObjectNode stored = json.valueToTree(evaluation);
            stored.put("logTail", SecretScanner.redacted(evaluation.logTail()));
            e.evaluation = json.writeValueAsString(stored);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise an evaluation", ex);
        }
        e.createdAt = Instant.now();
        e.persist();
    }

    /** Everything in the config that can change a measurement. */
    public static String hash(RepoConfig c) {
        // The leading format tag retires entries stored before evaluations carried test ids (v2), module errors (v3)
        // and failing ids with the re-run's passes (v4).
        String canonical = String.join("\u0000", "evaluation-v4", c.image(), String.valueOf(c.setup()),
                String.valueOf(c.lint()),
                c.test(), String.valueOf(c.coverage()), String.valueOf(c.metrics()), c.limits().toString(),
                "deps=" + c.deps());
        return ContentHash.sha256(canonical);
    }
}
