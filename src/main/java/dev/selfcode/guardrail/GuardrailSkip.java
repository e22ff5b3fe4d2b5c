package dev.selfcode.guardrail;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Work a guardrail stopped before it started (a command answered, a sweep skipped), with the numbers. */
@Entity
@Table(name = "guardrail_skip")
public class GuardrailSkip extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String repo;
    /** What asked for the work: comment, label, sweep, ... */
    @Column(name = "trigger_source")
    public String trigger;
    @Enumerated(EnumType.STRING)
    public Guard guard;
    @Column(name = "current_count")
    public long count;
    @Column(name = "limit_value")
    public long limit;
    @Column(name = "resets_at")
    public Instant resetsAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
