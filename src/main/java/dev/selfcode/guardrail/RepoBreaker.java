package dev.selfcode.guardrail;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A repository's circuit breaker: since which patch it counts, and whether its trip was announced. */
@Entity
@Table(name = "repo_breaker")
class RepoBreaker extends PanacheEntityBase {

    @Id
    public String repo;
    /** Patch attempts up to this id came before the last reset and are not counted. */
    @Column(name = "counted_after")
    public long countedAfter;
    /** When the trip was announced; null while closed, or open but not yet announced. */
    @Column(name = "tripped_at")
    public Instant trippedAt;
    @Column(name = "tripped_patch_id")
    public Long trippedPatchId;
    @Column(name = "tripped_issue")
    public Integer trippedIssue;
    @Column(name = "reset_at")
    public Instant resetAt;
    @Column(name = "reset_by")
    public String resetBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
