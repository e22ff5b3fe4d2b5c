package dev.selfcode.metrics;

import java.time.Instant;
import java.util.List;

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

/** One attempt to patch a repository, kept or reverted, with every number behind the decision. */
@Entity
@Table(name = "patch_history")
public class PatchAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Decision values; PENDING while the attempt runs. */
    public static final String PENDING = "PENDING";
    public static final String KEEP = "KEEP";
    public static final String REVERT = "REVERT";
    public static final String FAILED = "FAILED";
    /** The {@code pr_outcome} of a merged patch that the rollback watch (or {@code selfcode rollback}) reverted. */
    public static final String ROLLED_BACK = "reverted";

    @Column(name = "job_id")
    public Long jobId;
    public String repo;
    @Column(name = "file_path")
    public String filePath;
    public String description;
    @Column(name = "trigger_source")
    public String trigger;
    @Column(name = "base_sha")
    public String baseSha;
    @Column(name = "head_sha")
    public String headSha;
    public String branch;
    @Column(name = "roi_before")
    public Double roiBefore;
    @Column(name = "roi_after")
    public Double roiAfter;
    @Column(name = "roi_delta")
    public Double roiDelta;
    @Column(name = "errors_before")
    public Double errorsBefore;
    @Column(name = "errors_after")
    public Double errorsAfter;
    @Column(name = "errors_delta")
    public Double errorsDelta;
    @Column(name = "complexity_before")
    public Double complexityBefore;
    @Column(name = "complexity_after")
    public Double complexityAfter;
    @Column(name = "complexity_delta")
    public Double complexityDelta;
    @Column(name = "predicted_roi")
    public Double predictedRoi;
    @Column(name = "predicted_errors")
    public Double predictedErrors;
    @Column(name = "predicted_roi_delta")
    public Double predictedRoiDelta;
    @Column(name = "predicted_errors_delta")
    public Double predictedErrorsDelta;
    @Column(name = "threshold_value")
    public Double threshold;
    public String decision;
    @Column(name = "failure_stage")
    public String failureStage;
    public String reasons;
    @Column(name = "decision_table")
    public String decisionTable;
    public String diff;
    @Column(name = "pr_number")
    public Integer prNumber;
    @Column(name = "pr_outcome")
    public String prOutcome;
    public String generator;
    public String model;
    @Column(name = "prompt_tokens")
    public Integer promptTokens;
    @Column(name = "completion_tokens")
    public Integer completionTokens;
    public String timings;
    /** Calls to the chunk summarizer made for this patch's prompt, and their tokens (prompt + answer). */
    @Column(name = "summarizer_calls")
    public Integer summarizerCalls;
    @Column(name = "summarizer_tokens")
    public Integer summarizerTokens;
    /** Share (0..1) of the prompt's tokens identical to the start of the previous prompt on the same file. */
    @Column(name = "prompt_prefix_share")
    public Double promptPrefixShare;
    @Column(name = "created_at")
    public Instant createdAt;

    /**
     * Every text column can hold what a model wrote or a sandbox printed (a rejected answer is still recorded), or
     * what a user typed: none of it is stored with a secret in it, whoever set the field.
     */
    @PrePersist
    @PreUpdate
    void redactSecrets() {
        description = SecretScanner.redacted(description);
        reasons = SecretScanner.redacted(reasons);
        decisionTable = SecretScanner.redacted(decisionTable);
        diff = SecretScanner.redacted(diff);
    }

    /** Newest first; all repositories when {@code repo} is null. */
    public static List<PatchAttempt> newest(String repo, int limit) {
        var q = repo == null ? find("order by id desc") : find("repo = ?1 order by id desc", repo);
        return q.page(0, limit).list();
    }
}
