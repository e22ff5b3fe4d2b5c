package dev.selfcode.code;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One indexed chunk of a repository's source at a commit: the original engine's CodeDB record. */
@Entity
@Table(name = "code_record")
public class CodeRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String repo;
    @Column(name = "file_path")
    public String filePath;
    public String language;
    public String symbol;
    @Column(name = "start_line")
    public int startLine;
    @Column(name = "end_line")
    public int endLine;
    public String content;
    @Column(name = "content_hash")
    public String contentHash;
    @Column(name = "commit_sha")
    public String commitSha;
    @Column(name = "indexed_at")
    public Instant indexedAt;
    /** The chunk's embedding as {@code embedding.Vectors} bytes; null until embedded. */
    public byte[] embedding;
    @Column(name = "embedding_model")
    public String embeddingModel;

    public static List<CodeRecord> forRepo(String repo) {
        return list("repo", repo);
    }

    /** Whether every record of the repository is at {@code sha} and embedded by {@code model}. */
    public static boolean indexedAt(String repo, String sha, String model) {
        return count("repo = ?1 and commitSha = ?2", repo, sha) > 0 && count(
                "repo = ?1 and (commitSha is null or commitSha <> ?2 or embeddingModel is null or embeddingModel <> ?3)",
                repo, sha, model) == 0;
    }
}
