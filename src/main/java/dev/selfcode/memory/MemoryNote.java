package dev.selfcode.memory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.selfcode.safety.SecretScanner;

/** One version of a note in {@code memory_note}: what Selfcode learned about a repository, under a key. */
@Entity
@Table(name = "memory_note")
public class MemoryNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** owner/name; empty for a note about no repository in particular. */
    public String repo;

    @Column(name = "note_key")
    public String key;

    public int version;

    public String tag;

    @Column(name = "data")
    public String text;

    public byte[] embedding;

    @Column(name = "created_at")
    public Instant createdAt;

    /** A note may quote a command line or a log: no secret is stored with it. */
    @PrePersist
    void redactSecrets() {
        text = SecretScanner.redacted(text);
    }
}
