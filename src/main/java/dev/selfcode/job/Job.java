package dev.selfcode.job;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** One durable unit of work in the queue (table {@code job}); change its state only through {@link JobQueue}. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    /** Life cycle: QUEUED -> RUNNING -> SUCCEEDED | FAILED | back to QUEUED for a retry; CANCELLED by hand. */
    public enum Status {

        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_key", nullable = false, updatable = false)
    public String sourceKey;

    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(nullable = false, updatable = false)
    public String repo;

    @Column(name = "installation_id")
    public Long installationId;

    @Column(name = "issue_number")
    public Integer issueNumber;

    @Column(name = "pr_number")
    public Integer prNumber;

    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts;

    @Column(name = "run_after", nullable = false)
    public Instant runAfter;

    /** The worker that holds (or last held) the lease. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "last_error")
    public String lastError;

    public String result;

    @Column(name = "patch_id")
    public Long patchId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Job> findBySourceKey(String sourceKey) {
        return find("sourceKey", sourceKey).firstResultOptional();
    }

    /** Oldest first: the order the queue works in. */
    public static List<Job> listByStatus(Status status) {
        return list("status", Sort.by("id"), status);
    }

    /** Newest first, at most {@code limit}. */
    public static List<Job> listByRepo(String repo, int limit) {
        return find("repo", Sort.descending("id"), repo).page(0, limit).list();
    }

    /** Newest first, at most {@code limit}. */
    public static List<Job> listRecent(int limit) {
        return findAll(Sort.descending("id")).page(0, limit).list();
    }

    /** How many jobs are in each status; every status is present, zero when none. */
    public static Map<Status, Long> countByStatus() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        List<Object[]> rows = getEntityManager()
                .createQuery("select j.status, count(j) from Job j group by j.status", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((Status) row[0], (Long) row[1]);
        }
        return counts;
    }

    @Override
    public String toString() {
        return "Job#" + id + "[" + kind + " " + repo + " " + status + " attempt " + attempts + "/" + maxAttempts + "]";
    }
}
