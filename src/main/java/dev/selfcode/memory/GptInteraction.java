package dev.selfcode.memory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.selfcode.safety.SecretScanner;

/** One prompt sent to a model and what came back (or the error), as kept in {@code gpt_interaction}. */
@Entity
@Table(name = "gpt_interaction")
public class GptInteraction extends PanacheEntityBase {

    /** Purpose of a helper-writing call. */
    public static final String GENERATE = "generate";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String repo;

    @Column(name = "patch_id")
    public Long patchId;

    public String purpose;

    public String model;

    public String prompt;

    public String response;

    public String error;

    /** Comma-separated labels such as {@code lang:python,status:ok}. */
    public String tags;

    /** What became of the patch this call fed: kept, reverted, merged, ... (set later). */
    public String outcome;

    @Column(name = "prompt_tokens")
    public Integer promptTokens;

    @Column(name = "completion_tokens")
    public Integer completionTokens;

    @Column(name = "latency_ms")
    public Long latencyMs;

    /** The vector of {@link #subject} (else of the prompt's start), null for rows from before memory by meaning. */
    public byte[] embedding;

    /** What the call was about (the request's description), the text its embedding and the keyword match read. */
    public String subject;

    /** SHA-256 of the tag and the normalized prompt and answer: the same text is remembered once. */
    @Column(name = "text_hash")
    public String textHash;

    /** The earlier row with the same text: this one counts for cost only, not as memory. */
    @Column(name = "duplicate_of")
    public Long duplicateOf;

    /** On a summary row, how many older rows it folded. */
    public Integer folded;

    @Column(name = "created_at")
    public Instant createdAt;

    /**
     * A model may answer with a secret (the guard refuses it, but the call is still logged), and an error may quote
     * one: neither the prompt, the answer nor the error is stored with a secret in it.
     */
    @PrePersist
    @PreUpdate
    void redactSecrets() {
        prompt = SecretScanner.redacted(prompt);
        response = SecretScanner.redacted(response);
        error = SecretScanner.redacted(error);
        subject = SecretScanner.redacted(subject);
    }

    /** The newest interactions of a repository, newest first. */
    public static java.util.List<GptInteraction> recent(String repo, int limit) {
        return find("repo = ?1 order by createdAt desc, id desc", repo).page(0, limit).list();
    }
}
