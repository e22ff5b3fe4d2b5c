package dev.selfcode.metrics;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A cached baseline evaluation (JSON), valid while the base commit and the repo config stay the same. */
@Entity
@Table(name = "evaluation_cache")
public class EvaluationCacheEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

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
