package dev.selfcode.metrics;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A cached baseline evaluation (JSON), valid while the base commit and the repo config stay the same. */
@Entity
@Table(name = "evaluation_cache")
public class EvaluationCacheEntry extends PanacheEntity {

    public String repo;
    @Column(name = "base_sha")
    public String baseSha;
    @Column(name = "config_hash")
    public String configHash;
    public String evaluation;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<EvaluationCacheEntry> find(String repo, String baseSha, String configHash) {
        return find("repo = ?1 and baseSha = ?2 and configHash = ?3", repo, baseSha, configHash).firstResultOptional();
    }
}
