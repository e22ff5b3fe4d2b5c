package dev.selfcode.metrics;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One try of a patch request: the first candidate or a repair of the try before it (table {@code patch_try}). */
@Entity
@Table(name = "patch_try")
public class PatchTry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patch_id")
    public Long patchId;
    /** 1 for the first candidate, 2 for the first repair, ... */
    @Column(name = "try_number")
    public int tryNumber;
    /** The gpt_interaction row of the call that wrote this try; null for the template generator. */
    @Column(name = "interaction_id")
    public Long interactionId;
    public String generator;
    /** PENDING until decided; REVERT for a try that failed its checks (and was repaired, or ended the job). */
    public String decision;
    public String reasons;
    @Column(name = "prompt_tokens")
    public Integer promptTokens;
    @Column(name = "completion_tokens")
    public Integer completionTokens;
    @Column(name = "created_at")
    public Instant createdAt;
}
